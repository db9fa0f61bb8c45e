using Microsoft.EntityFrameworkCore;
using Upstream.Contracts.Network;
using Upstream.Domain.Refusals;
using Upstream.Messaging.Outbox;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.Network.Domain.Visits;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Network.Handling;

/// <summary>
/// Discovery visits and their findings, for programme staff only: recording a visit with what was found, adding a
/// finding later, and reading them back. Each finding leaves as one FindingRecorded (its quote only with consent).
/// </summary>
public sealed class VisitDesk(NetworkDb db, TimeProvider clock, IEventOutbox outbox)
{
    public async Task<VisitView> RecordAsync(Caller caller, VisitRecord record, CancellationToken cancellationToken)
    {
        caller.RequireStaff("record discovery visits");
        var member = await db.CouncilForChangeAsync(record.CouncilCode, "council_code", cancellationToken);
        var now = clock.GetUtcNow();
        var visit = DiscoveryVisit.Record(member, record.VisitedOn, record.Visitors, record.Notes, record.Findings, clock.LondonToday(), caller.Subject, now);
        db.DiscoveryVisits.Add(visit);
        foreach (var finding in visit.Findings)
        {
            outbox.Publish(Recorded(finding, visit, member, now), member.Id.ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
        return new VisitView(visit, member);
    }

    public async Task<FindingView> AddFindingAsync(Caller caller, Guid visitId, FindingDraft draft, CancellationToken cancellationToken)
    {
        caller.RequireStaff("record findings");
        var visit = await LoadAsync(visitId, cancellationToken);
        var member = await db.Members.SingleAsync(m => m.Id == visit.MemberId, cancellationToken);
        var now = clock.GetUtcNow();
        var finding = visit.AddFinding(draft, caller.Subject, now);
        db.Findings.Add(finding);
        outbox.Publish(Recorded(finding, visit, member, now), member.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return new FindingView(finding, member.CouncilCode, visit.VisitedOn);
    }

    public async Task<VisitView> GetAsync(Caller caller, Guid visitId, CancellationToken cancellationToken)
    {
        caller.RequireStaff("see discovery visits");
        var visit = await LoadAsync(visitId, cancellationToken);
        return new VisitView(visit, await db.Members.SingleAsync(m => m.Id == visit.MemberId, cancellationToken));
    }

    public async Task<IReadOnlyList<VisitView>> ListAsync(Caller caller, string? councilCode, CancellationToken cancellationToken)
    {
        caller.RequireStaff("see discovery visits");
        var visits = db.DiscoveryVisits.Include(v => v.Findings).AsQueryable();
        if (!string.IsNullOrWhiteSpace(councilCode))
        {
            var member = await db.CouncilForChangeAsync(councilCode, "council_code", cancellationToken);
            visits = visits.Where(v => v.MemberId == member.Id);
        }

        var found = await visits.OrderBy(v => v.VisitedOn).ThenBy(v => v.Id).ToListAsync(cancellationToken);
        var members = await db.MembersAsync(found.Select(v => v.MemberId), cancellationToken);
        return [.. found.Select(v => new VisitView(v, members[v.MemberId]))];
    }

    public async Task<IReadOnlyList<FindingView>> FindingsAsync(Caller caller, FindingFilter filter, CancellationToken cancellationToken)
    {
        caller.RequireStaff("see findings");
        var findings = db.Findings.AsQueryable();
        if (filter.Kind is { } kind)
        {
            findings = findings.Where(f => f.Kind == kind);
        }

        if (filter.Dimension is { } dimension)
        {
            findings = findings.Where(f => f.Dimension == dimension);
        }

        if (!string.IsNullOrWhiteSpace(filter.Theme))
        {
            var theme = filter.Theme.Trim().ToLower();
            findings = findings.Where(f => f.Theme.ToLower() == theme);
        }

        if (!string.IsNullOrWhiteSpace(filter.CouncilCode))
        {
            var member = await db.CouncilForChangeAsync(filter.CouncilCode, "council_code", cancellationToken);
            findings = findings.Where(f => f.MemberId == member.Id);
        }

        var rows = await findings
            .Join(db.DiscoveryVisits, f => f.VisitId, v => v.Id, (f, v) => new { Finding = f, v.VisitedOn })
            .Join(db.Members, x => x.Finding.MemberId, m => m.Id, (x, m) => new { x.Finding, x.VisitedOn, m.CouncilCode })
            .OrderBy(x => x.VisitedOn).ThenBy(x => x.Finding.RecordedAt).ThenBy(x => x.Finding.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => new FindingView(x.Finding, x.CouncilCode, x.VisitedOn))];
    }

    private async Task<DiscoveryVisit> LoadAsync(Guid visitId, CancellationToken cancellationToken) =>
        await db.DiscoveryVisits.Include(v => v.Findings).FirstOrDefaultAsync(v => v.Id == visitId, cancellationToken)
            ?? throw new NotFoundException($"No discovery visit {visitId}.");

    /// <summary>Where the member is and what it is like travel with the finding, so Insights can find patterns without calling back.</summary>
    private static FindingRecorded Recorded(Finding finding, DiscoveryVisit visit, Member member, DateTimeOffset now) => new(
        Guid.NewGuid(), now, finding.Id, visit.Id, member.Id, member.CouncilCode, member.Region, [.. member.AreaCharacters], visit.VisitedOn,
        finding.Kind.ToString().ToLowerInvariant(), finding.Theme, Dimension(finding.Dimension), finding.Text, finding.PublishableQuote);

    /// <summary>The event's spelling: values-and-principles, infrastructure-and-capabilities...</summary>
    private static string Dimension(FindingDimension dimension) => dimension switch
    {
        FindingDimension.ValuesAndPrinciples => "values-and-principles",
        FindingDimension.InfrastructureAndCapabilities => "infrastructure-and-capabilities",
        _ => dimension.ToString().ToLowerInvariant(),
    };
}

/// <summary>A visit as staff record it.</summary>
public sealed record VisitRecord(string CouncilCode, DateOnly VisitedOn, IReadOnlyList<string> Visitors, string Notes, IReadOnlyList<FindingDraft> Findings);

/// <summary>Findings filters; each given one must match.</summary>
public sealed record FindingFilter(FindingKind? Kind, string? Theme, FindingDimension? Dimension, string? CouncilCode);

public sealed record VisitView(DiscoveryVisit Visit, Member Member);

public sealed record FindingView(Finding Finding, string CouncilCode, DateOnly VisitedOn);
