using Grpc.Core;
using Npgsql;
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
