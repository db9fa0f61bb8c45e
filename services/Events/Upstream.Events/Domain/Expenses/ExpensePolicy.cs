using System.Globalization;
using Upstream.Domain.Refusals;

namespace Upstream.Events.Domain.Expenses;

/// <summary>
/// The programme's expenses policy for covered events: what each kind of line may come to, and what one council's
/// claims for one event may come to in all. Checked when a claim is submitted (a draft may be over, to be corrected).
/// </summary>
public static class ExpensePolicy
{
    public const long PerNightPence = 12_000;
    public const long PerMilePence = 45;
    public const long PerJourneyPence = 25_000;
    public const long SubsistencePerDayPence = 2_500;
    public const long PerEventAndCouncilPence = 120_000;

    /// <summary>Each line within its own cap, and its receipt complete and not less than the amount.</summary>
    public static Violations Check(IReadOnlyList<ExpenseLine> lines, int eventDays)
    {
        var v = new Violations();
        v.Require(lines.Count > 0, "lines", "Claim at least one item.");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = $"lines[{i}]";
            v.Require(line.AmountPence > 0, $"{at}.amount_pence", "An item is claimed in pence, more than nothing.");
            v.Require(!string.IsNullOrWhiteSpace(line.Description), $"{at}.description", "Say what the item was.");
            var cap = Cap(line, eventDays);
            v.Require(cap.Pence is null || line.AmountPence <= cap.Pence, $"{at}.amount_pence", $"Above the policy's cap: {cap.Rule}.");
            v.Require(line.Category != ExpenseCategory.Accommodation || line.Nights > 0, $"{at}.nights", "Say how many nights.");
            v.Require(line.Miles >= 0 && line.Nights >= 0, $"{at}.miles", "Miles and nights are not negative.");
            var receipt = line.Receipt;
            v.Require(!string.IsNullOrWhiteSpace(receipt.Supplier), $"{at}.receipt.supplier", "Name the supplier on the receipt.");
            v.Require(receipt.AmountPence >= line.AmountPence, $"{at}.receipt.amount_pence", "The receipt covers at least the amount claimed.");
            v.Require(!string.IsNullOrWhiteSpace(receipt.FileName), $"{at}.receipt.file_name", "Name the receipt's file.");
            v.Require(receipt.FileSha256.Length == 64 && receipt.FileSha256.All(char.IsAsciiHexDigitLower), $"{at}.receipt.file_sha256", "The receipt file's SHA-256, 64 lower-case hex digits.");
        }

        return v;
    }

    public static string Describe(long pence) => (pence / 100m).ToString("£#,##0.00", CultureInfo.InvariantCulture);

    private static (long? Pence, string Rule) Cap(ExpenseLine line, int eventDays) => line.Category switch
    {
        ExpenseCategory.Accommodation => (PerNightPence * Math.Max(line.Nights, 0), $"{Describe(PerNightPence)} a night"),
        ExpenseCategory.Travel when line.Miles > 0 => (PerMilePence * line.Miles, $"{PerMilePence}p a mile"),
        ExpenseCategory.Travel => (PerJourneyPence, $"{Describe(PerJourneyPence)} a journey"),
        _ => (SubsistencePerDayPence * eventDays, $"{Describe(SubsistencePerDayPence)} a day of the event"),
    };
}
