using Microsoft.EntityFrameworkCore;
using Upstream.Domain.Refusals;
using Upstream.Grants.Data;
using Upstream.Grants.Domain;
using Upstream.Grants.OpenData;
using Upstream.ServiceDefaults.Data;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Grants.Handling;

/// <summary>Staff set up funds; members and staff read them; staff and partners take the 360Giving open data.</summary>
public sealed class FundDesk(GrantsDb db, TimeProvider clock)
{
    public async Task<Fund> CreateAsync(Caller caller, FundDetails details, CancellationToken cancellationToken)
    {
        caller.RequireStaff("set up funds");
        var fund = Fund.Create(details, clock.GetUtcNow());
        db.Funds.Add(fund);
        await db.SaveAsync("the fund", cancellationToken);
        return fund;
    }

    /// <summary>An award committing meanwhile changes the fund's row: the revision is then refused as a conflict, to be reconsidered.</summary>
    public async Task<Fund> ReviseAsync(Caller caller, Guid fundId, FundDetails details, CancellationToken cancellationToken)
    {
        caller.RequireStaff("change funds");
        var fund = await FindAsync(db, fundId, cancellationToken);
        fund.Revise(details);
        await db.SaveAsync("the fund", cancellationToken);
        return fund;
    }

    public async Task<Fund> GetAsync(Caller caller, Guid fundId, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read funds");
        return await FindAsync(db, fundId, cancellationToken);
    }

    public async Task<IReadOnlyList<Fund>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        caller.RequireSignedIn("read funds");
        return await db.Funds.AsNoTracking().OrderByDescending(f => f.OpensAt).ToListAsync(cancellationToken);
    }

    /// <summary>Every grant of the fund, with its councils as the network last described them.</summary>
    public async Task<OpenDataFile> ExportAsync(Caller caller, Guid fundId, string format, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("take the fund's open data");
        if (format is not ("" or "json" or "csv"))
        {
            throw new InvalidInputException([new FieldViolation("format", "Ask for \"json\" or \"csv\".")]);
        }

        var fund = await FindAsync(db, fundId, cancellationToken);
        var grants = await db.Grants.AsNoTracking().Where(g => g.FundId == fundId).OrderBy(g => g.AwardedAt).ToListAsync(cancellationToken);
        var codes = grants.SelectMany(g => g.Councils).Distinct().ToList();
        var councils = await db.MemberCouncils.AsNoTracking().Where(m => codes.Contains(m.CouncilCode)).ToDictionaryAsync(m => m.CouncilCode, cancellationToken);
        var package = ThreeSixtyGiving.Package(fund, grants, councils, clock.GetUtcNow());
        if (format == "csv")
        {
            return OpenDataFile.Csv(ThreeSixtyGivingCsv.Write(package));
        }

        // The standard's package holds at least one grant: an empty one would not be valid 360Giving data.
        return grants.Count == 0
            ? throw new DomainRuleException("fund.grants", "The fund has awarded no grants yet, and a 360Giving package holds at least one.")
            : OpenDataFile.Json(ThreeSixtyGiving.Serialize(package));
    }

    internal static async Task<Fund> FindAsync(GrantsDb db, Guid fundId, CancellationToken cancellationToken) =>
        await db.Funds.FirstOrDefaultAsync(f => f.Id == fundId, cancellationToken) ?? throw new NotFoundException($"No fund {fundId}.");
}
