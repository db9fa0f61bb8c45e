using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Upstream.Grants.Handling;
using Upstream.ServiceDefaults.Batching;
using Upstream.Grants.V1;

namespace Upstream.Integration.Tests.Grants;

/// <summary>Awards never overspend the fund, however many race for it: the database decides, not only the code.</summary>
public sealed class AwardConcurrencyTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const int Requests = 200;
    private const long Award = 1_500_000;
    private const int Fit = 37;

    [Fact]
    public async Task Of_200_parallel_awards_exactly_those_that_fit_succeed_and_the_rest_fail_with_nothing_changed()
    {
        // 37 awards of GBP 15,000 fit; GBP 7,000 is left over, less than any award.
        const long total = (Fit * Award) + 700_000;
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"), ("MAN", "Manchester City Council", "E08000003"), ("LDS", "Leeds City Council", "E08000035"));
        var fund = await grants.OpenFundAsync(total);
        string[] councils = ["BIR", "MAN", "LDS"];
        var requests = new List<GrantRequest>();
        foreach (var batch in Enumerable.Range(0, Requests).Chunk(10))
        {
            requests.AddRange(await Task.WhenAll(batch.Select(i => grants.UnderAssessmentAsync(fund, councils[i % councils.Length], Award))));
        }

        // All 200 at once.
        var outcomes = await Task.WhenAll(requests.Select(async r =>
        {
            try
            {
                await grants.Assessments.AwardGrantAsync(GrantsHost.Award(r.RequestId), grants.Staff);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.Equal(Fit, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(Requests - Fit, outcomes.Count(o => o == StatusCode.FailedPrecondition));
        var after = await grants.Funds.GetFundAsync(new GetFundRequest { FundId = fund.FundId }, grants.Staff);
        Assert.Equal((Fit * Award, total - (Fit * Award)), (after.CommittedPence, after.RemainingPence));
        Assert.Equal(Fit, await grants.CountAsync("SELECT count(*) FROM grants"));
        Assert.Equal(Fit, await grants.CountAsync("SELECT count(*) FROM grant_requests WHERE state = 'Awarded'"));
        Assert.Equal(Fit, await grants.CountAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%GrantAwarded%'"));
        Assert.Equal(Requests - Fit, await grants.CountAsync("SELECT count(*) FROM grant_requests WHERE state = 'UnderAssessment'"));
    }

    [Fact]
    public async Task Each_request_awarded_twice_in_parallel_is_granted_at_most_once_and_the_fund_commits_exactly_what_its_grants_hold()
    {
        // Four awards of GBP 15,000 fit, with GBP 7,000 over; ten requests, each awarded twice at once.
        const int fit = 4;
        const long total = (fit * Award) + 700_000;
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"));
        var fund = await grants.OpenFundAsync(total);
        var requests = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => grants.UnderAssessmentAsync(fund, "BIR", Award)));

        var outcomes = await Task.WhenAll(requests.Concat(requests).Select(async r =>
        {
            try
            {
                return (r.RequestId, Status: (await grants.Assessments.AwardGrantAsync(GrantsHost.Award(r.RequestId), grants.Staff)).RequestId == r.RequestId ? StatusCode.OK : StatusCode.Unknown);
            }
            catch (RpcException e)
            {
                return (r.RequestId, Status: e.StatusCode);
            }
        }));

        Assert.Equal(fit, outcomes.Count(o => o.Status == StatusCode.OK));
        Assert.All(outcomes.GroupBy(o => o.RequestId), r => Assert.True(r.Count(o => o.Status == StatusCode.OK) <= 1, $"{r.Key} was awarded twice."));
        Assert.All(outcomes.Where(o => o.Status != StatusCode.OK), o => Assert.Equal(StatusCode.FailedPrecondition, o.Status));
        var after = await grants.Funds.GetFundAsync(new GetFundRequest { FundId = fund.FundId }, grants.Staff);
        Assert.Equal(fit * Award, after.CommittedPence);
        Assert.Equal(fit * Award, await grants.CountAsync("SELECT coalesce(sum(awarded_pence), 0)::bigint FROM grants"));
        Assert.Equal(fit, await grants.CountAsync("SELECT count(*) FROM grant_requests WHERE state = 'Awarded'"));
        Assert.Equal(fit, await grants.CountAsync("SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%GrantAwarded%'"));
    }

    [Fact]
    public async Task An_award_whose_caller_gives_up_while_it_waits_for_the_fund_is_never_committed()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"));
        var fund = await grants.OpenFundAsync();
        var (first, second) = (await grants.UnderAssessmentAsync(fund, "BIR", Award), await grants.UnderAssessmentAsync(fund, "BIR", Award));
        var queue = grants.Host.Services.GetRequiredService<DecisionQueue<Guid, AwardAsk, Upstream.Grants.Domain.Grant>>();

        // The first award's batch waits on the fund's row, held here; the second queues behind it.
        await using var held = await HeldRowLock.TakeAsync(grants.Database, "funds", fund.FundId);
        var awarded = grants.Assessments.AwardGrantAsync(GrantsHost.Award(first.RequestId), grants.Staff).ResponseAsync;
        await HeldRowLock.WaitForWaiterAsync(grants.CountAsync);
        var gaveUp = await Assert.ThrowsAsync<RpcException>(() =>
            grants.Assessments.AwardGrantAsync(GrantsHost.Award(second.RequestId), grants.Staff, deadline: DateTime.UtcNow.AddSeconds(1)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, gaveUp.StatusCode);

        await Eventually.ReturnsAsync(() => Task.FromResult(queue.Waiting), n => n == 0, "the service to drop the award whose caller gave up");
        await held.ReleaseAsync();
        Assert.Equal(first.RequestId, (await awarded).RequestId);
        var after = await grants.Funds.GetFundAsync(new GetFundRequest { FundId = fund.FundId }, grants.Staff);
        Assert.Equal(Award, after.CommittedPence);
        Assert.Equal(1, await grants.CountAsync("SELECT count(*) FROM grants"));
        Assert.Equal(1, await grants.CountAsync($"SELECT count(*) FROM grant_requests WHERE id = '{second.RequestId}' AND state = 'UnderAssessment'"));
    }

    [Fact]
    public async Task The_database_itself_refuses_to_commit_more_than_the_fund_or_pay_more_than_committed()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        var fund = await grants.OpenFundAsync(5_000_000);
        await using var connection = new NpgsqlConnection(grants.Database);
        await connection.OpenAsync();

        async Task<string?> RefusalAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            return refused.SqlState == PostgresErrorCodes.CheckViolation ? refused.ConstraintName : refused.SqlState;
        }

        Assert.Equal("ck_funds_committed_within_total", await RefusalAsync($"UPDATE funds SET committed_pence = total_pence + 1 WHERE id = '{fund.FundId}'"));
        Assert.Equal("ck_funds_paid_within_committed", await RefusalAsync($"UPDATE funds SET paid_pence = committed_pence + 1 WHERE id = '{fund.FundId}'"));
    }
}
