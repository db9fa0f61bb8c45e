using System.Globalization;
using System.Text;
using CsvHelper;

namespace Upstream.Grants.OpenData;

/// <summary>
/// The same package as a flat 360Giving CSV, one row per grant, with the standard's column titles; the first
/// beneficiary location is the lead council's.
/// </summary>
public static class ThreeSixtyGivingCsv
{
    private static readonly string[] Columns =
    [
        "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Amount Disbursed", "Award Date",
        "Planned Dates:Start Date", "Planned Dates:End Date", "Recipient Org:Identifier", "Recipient Org:Name",
        "Funding Org:Identifier", "Funding Org:Name", "Beneficiary Location:Name", "Beneficiary Location:Geographic Code",
        "Beneficiary Location:Geographic Code Type", "Grant Programme:Code", "Grant Programme:Title", "Last Modified",
    ];

    public static byte[] Write(Package package)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var grant in package.Grants)
            {
                var location = grant.BeneficiaryLocation.FirstOrDefault();
                string[] row =
                [
                    grant.Id, grant.Title, grant.Description, grant.Currency,
                    grant.AmountAwarded.ToString("0.00", CultureInfo.InvariantCulture), grant.AmountDisbursed.ToString("0.00", CultureInfo.InvariantCulture),
                    grant.AwardDate, grant.PlannedDates[0].StartDate, grant.PlannedDates[0].EndDate,
                    grant.RecipientOrganization[0].Id, grant.RecipientOrganization[0].Name,
                    grant.FundingOrganization[0].Id, grant.FundingOrganization[0].Name,
                    location?.Name ?? "", location?.GeoCode ?? "", location?.GeoCodeType ?? "",
                    grant.GrantProgramme[0].Code, grant.GrantProgramme[0].Title, grant.DateModified,
                ];
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
