using Microsoft.EntityFrameworkCore;
using Npgsql;
using Upstream.Applications.Data;
using Upstream.Applications.Domain;
using Upstream.Applications.Registry;
using Upstream.ServiceDefaults.Identity;
using Upstream.Domain.Refusals;
using Upstream.Domain.Registry;
using Upstream.Domain.Time;

namespace Upstream.Applications.Bulk;

/// <summary>Staff import and export. An import is all or nothing: one bad row and no row is kept.</summary>
public sealed class BulkDesk(ApplicationsDb db, LocalAuthorityRegistry registry, TimeProvider clock)
{
    public async Task<ImportReport> ImportAsync(Caller caller, Guid callId, TextReader csv, CancellationToken cancellationToken)
    {
        caller.RequireStaff("import applications");
        var by = caller.Subject;
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken) ?? throw new NotFoundException($"No call {callId}.");
        var closesOn = DateOnly.FromDateTime(ProgrammeTime.ToLondon(call.ClosesAt));
        var now = clock.GetUtcNow();
        var taken = (await db.Applications.Where(a => a.CallId == callId && a.State != ApplicationState.Withdrawn).Select(a => a.LeadCouncilCode).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var problems = new List<RowProblem>();
        var imported = new List<Application>();
        foreach (var row in ApplicationCsv.Read(csv))
        {
            var rowProblems = row.Problems.ToList();
            var lead = LeadEligibility.Check(registry, row.CouncilCode, closesOn);
            if (row.Draft is null && !lead.IsAllowed && row.Problems.All(p => p.Field != "header"))
            {
                rowProblems.Insert(0, new FieldViolation("lead_council_code", lead.Refusal!)); // report the whole row at once
            }

            if (row.Draft is not null)
            {
                try
                {
                    var application = Application.Import(call, lead, row.Draft, by, now);
                    if (!taken.Add(application.LeadCouncilCode))
                    {
                        rowProblems.Add(new FieldViolation("lead_council_code", $"{application.LeadCouncilName} already has an application to this call."));
                    }
                    else
                    {
                        application.Screen(call, registry, now);
                        imported.Add(application);
                    }
                }
                catch (InvalidInputException e)
                {
                    rowProblems.AddRange(e.Violations);
                }
            }

            problems.AddRange(rowProblems.Select(p => new RowProblem(row.Line, row.CouncilCode, p.Field, p.Description)));
        }

        if (problems.Count > 0 || imported.Count == 0)
        {
            return new ImportReport(false, [], problems.Count > 0 ? problems : [new RowProblem(1, "", "file", "The file has no applications.")]);
        }

        db.Applications.AddRange(imported);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("A council in the file applied while the import ran; nothing was imported. Run the import again to see which.");
        }

        return new ImportReport(true, [.. imported.Select(a => a.Id)], []);
    }

    public async Task ExportAsync(Caller caller, Guid callId, TextWriter csv, CancellationToken cancellationToken)
    {
        caller.RequireStaff("export applications");
        var applications = await db.Applications.Where(a => a.CallId == callId).OrderBy(a => a.LeadCouncilName).ToListAsync(cancellationToken);
        ApplicationCsv.Write(csv, applications);
    }
}
