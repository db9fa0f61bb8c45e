using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CsvHelper;
using Upstream.Grants.V1;

namespace Upstream.Integration.Tests.Grants;

/// <summary>The fund's awards as 360Giving open data: JSON valid against the official schemas, and the flat CSV.</summary>
public sealed class OpenDataTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task The_funds_awards_are_a_360Giving_package_that_validates_against_the_official_schema()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"), ("MAN", "Manchester City Council", "E08000003"));
        var fund = await grants.OpenFundAsync(name: "Upstream experimentation fund 2026");
        var group = await grants.SubmittedAsync(fund, "BIR", 1_800_000, "MAN");
        await grants.Assessments.AssignAssessorAsync(new AssignAssessorRequest { RequestId = group.RequestId, Assessor = "staff-1" }, grants.Staff);
        var grant = await grants.Assessments.AwardGrantAsync(GrantsHost.Award(group.RequestId, 1_750_050), grants.Staff);
        await grants.Grants.RecordPaymentAsync(new RecordPaymentRequest { GrantId = grant.GrantId, PaymentReference = "PAY-1", AmountPence = 1_000_000 }, grants.Staff);
        await grants.UnderAssessmentAsync(fund, "MAN"); // not awarded: not open data

        // As a partner takes it over REST: the file itself, not a message wrapping it.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/funds/{fund.FundId}/360giving");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", grants.Host.Token("partner-1", "partner"));
        using var response = await grants.Host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();

        var results = OpenDataSchema.Evaluate(json);
        Assert.True(results.IsValid, OpenDataSchema.Describe(results));

        // What the schema does not check: our identifiers, codes and amounts.
        var only = Assert.Single(JsonNode.Parse(json)!["grants"]!.AsArray())!;
        Assert.Equal($"360G-upstream-{grant.GrantId}", (string?)only["id"]);
        Assert.Equal(("GB-LAE-BIR", "Birmingham City Council"), ((string?)only["recipientOrganization"]![0]!["id"], (string?)only["recipientOrganization"]![0]!["name"]));
        Assert.Equal(["E08000025", "E08000003"], only["beneficiaryLocation"]!.AsArray().Select(l => (string?)l!["geoCode"]));
        Assert.Equal((17500.50m, 10000m, "GBP"), ((decimal)only["amountAwarded"]!, (decimal)only["amountDisbursed"]!, (string?)only["currency"]));
        Assert.Equal(("2026-03-02", "2026-05-01", "2026-10-31"), ((string?)only["awardDate"], (string?)only["plannedDates"]![0]!["startDate"], (string?)only["plannedDates"]![0]!["endDate"]));
        Assert.Equal("Upstream experimentation fund 2026", (string?)only["grantProgramme"]![0]!["title"]);
        Assert.DoesNotContain("Ada", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_grants_come_as_a_360Giving_CSV_with_the_standards_column_titles()
    {
        await using var grants = await GrantsHost.StartAsync(infrastructure.Shared);
        await grants.JoinAsync(("BIR", "Birmingham City Council", "E08000025"));
        var fund = await grants.OpenFundAsync();
        var request = await grants.UnderAssessmentAsync(fund, "BIR");
        var grant = await grants.Assessments.AwardGrantAsync(GrantsHost.Award(request.RequestId), grants.Staff);

        var file = await grants.Funds.ExportOpenDataAsync(new ExportOpenDataRequest { FundId = fund.FundId, Format = "csv" }, grants.Staff);

        Assert.StartsWith("text/csv", file.ContentType);
        using var csv = new CsvReader(new StringReader(file.Data.ToStringUtf8()), CultureInfo.InvariantCulture);
        var row = Assert.Single(csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList());
        Assert.Equal($"360G-upstream-{grant.GrantId}", row["Identifier"]);
        Assert.Equal(("15000.00", "GBP", "GB-LAE-BIR", "E08000025"), (row["Amount Awarded"], row["Currency"], row["Recipient Org:Identifier"], row["Beneficiary Location:Geographic Code"]));
    }

    [Fact]
    public void The_validator_refuses_a_package_the_standard_does_not_allow()
    {
        // Proof the check above can fail: a grant without its currency, an amount as text.
        var invalid = """{ "grants": [ { "id": "360G-upstream-1", "title": "t", "description": "d", "amountAwarded": "lots", "awardDate": "2026-03-02", "recipientOrganization": [ { "id": "GB-LAE-BIR", "name": "Birmingham" } ], "fundingOrganization": [ { "id": "GB-CHC-1144091", "name": "Nesta" } ] } ] }""";

        var results = OpenDataSchema.Evaluate(invalid, requireFormats: false);

        Assert.False(results.IsValid);
    }
}
