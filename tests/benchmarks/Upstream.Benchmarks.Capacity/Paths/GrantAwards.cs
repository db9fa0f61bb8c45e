using Grpc.Core;
using Upstream.Benchmarks.Capacity.Measuring;
using Upstream.Grants.V1;
using Upstream.Testing.Grants;
using Upstream.Testing.Hosting;

namespace Upstream.Benchmarks.Capacity.Paths;

/// <summary>
/// Parallel awards against one fund: 200 requests under assessment, a fund with room for exactly 37 awards, all 200
/// awards at once. At 10x and 100x, 10 and 100 programmes' funds, each with its 200 requests, every award at once.
/// </summary>
public static class GrantAwards
{
    public const string Name = "grants";
    private const int RequestsPerFund = 200;
    private const long Award = 1_500_000;
    private const int Fit = 37;

    // 37 awards of GBP 15,000 fit; GBP 7,000 is left over, less than any award.
    private const long FundTotal = (Fit * Award) + 700_000;

    public static async Task<Outcome> RunAsync(SharedInfrastructure servers, int scale)
    {
        await using var grants = await GrantsHost.StartAsync(servers, maximumPoolSize: Production.PoolSize, settings: Production.Settings);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"), ("MAN", "Manchester City Council", "E08000003"), ("LDS", "Leeds City Council", "E08000035"));
        string[] councils = ["BIR", "MAN", "LDS"];
        var funds = new List<Fund>();
        for (var i = 0; i < scale; i++)
        {
            funds.Add(await grants.OpenFundAsync(FundTotal, $"Experimentation fund {i + 1}"));
        }

        var requests = new System.Collections.Concurrent.ConcurrentBag<(string FundId, string RequestId)>();
        await Burst.ParallelAsync(Enumerable.Range(0, RequestsPerFund * scale), 16, async n =>
        {
            var fund = funds[n % scale];
            var request = await grants.UnderAssessmentAsync(fund, councils[n % councils.Length], Award);
            requests.Add((fund.FundId, request.RequestId));
        });

        // Warm-up, not measured: a fund of its own and 60 awards at once, so the measured burst meets a service whose
        // code is compiled and whose connection pool is open, as a running service's would be.
        var staff = grants.Staff;
        var warmUpFund = await grants.OpenFundAsync(FundTotal, "Warm-up fund");
        var warmUpRequests = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Burst.ParallelAsync(Enumerable.Range(0, 60), 16, async n => warmUpRequests.Add((await grants.UnderAssessmentAsync(warmUpFund, councils[n % councils.Length], Award)).RequestId));
        var warmedUp = await Burst.AllAtOnceAsync(warmUpRequests.Select(id => (Func<Task<Grant>>)(async () => await grants.Assessments.AwardGrantAsync(GrantsHost.Award(id), staff))), new Latencies());

        var latencies = new Latencies();
        var all = requests.ToList();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answers = await Burst.AllAtOnceAsync(all.Select(r => (Func<Task<Grant>>)(async () => await grants.Assessments.AwardGrantAsync(GrantsHost.Award(r.RequestId), staff))), latencies);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        var awardedIn = all.Zip(answers).GroupBy(x => x.First.FundId).ToDictionary(g => g.Key, g => g.Count(x => x.Second.Status == StatusCode.OK));
        var perFund = awardedIn.Values.ToList();
        var shown = await Task.WhenAll(funds.Select(async f => await grants.Funds.GetFundAsync(new GetFundRequest { FundId = f.FundId }, staff)));
        var storedGrants = await grants.CountAsync("SELECT count(*) FROM grants");
        var overspent = await grants.CountAsync("SELECT count(*) FROM funds WHERE committed_pence > total_pence");
        var awarded = answers.Count(a => a.Status == StatusCode.OK);

        var figures = new List<Figure> { new("awards decided per second (all answers / burst wall time)", answers.Length / elapsed, "/s") };
        figures.AddRange(latencies.Figures("AwardGrant", p99Target: 250));
        figures.Add(new Figure("burst wall time", elapsed, "s"));
        return new Outcome(
            $"{all.Count:N0} awards against {scale} fund(s) with room for {Fit} each",
            figures,
            [
                // Exactness first (never more than fits, committed never above the fund), then whether every award got its answer.
                new Check($"never more than {Fit} per fund, committed never above the fund (told and stored)", perFund.All(n => n <= Fit) && shown.All(f => f.CommittedPence <= f.TotalPence) && overspent == 0, $"{perFund.Min()}..{perFund.Max()} per fund; committed {shown.Min(f => f.CommittedPence) / 100:N0}..{shown.Max(f => f.CommittedPence) / 100:N0} GBP of {FundTotal / 100:N0}; funds over: {overspent}"),
                new Check($"every award answered: exactly {Fit} per fund, the rest refused (FailedPrecondition)", perFund.All(n => n == Fit) && perFund.Count == scale && shown.All(f => f.CommittedPence == Fit * Award), $"{awarded:N0} awarded, {answers.Count(a => a.Status == StatusCode.FailedPrecondition):N0} refused; failed otherwise: {EventRegistrations.Failures(answers)}"),
                // A caller whose deadline passed may not learn of an award committed after it gave up.
                new Check("committed per fund = awards told", shown.All(f => f.CommittedPence == awardedIn.GetValueOrDefault(f.FundId) * Award), $"{shown.Count(f => f.CommittedPence != awardedIn.GetValueOrDefault(f.FundId) * Award)} funds differ"),
                new Check("grants stored = awards told", storedGrants == awarded + warmedUp.Count(a => a.Status == StatusCode.OK), $"{storedGrants:N0} stored (warm-up fund's included)"),
            ]);
    }
}
