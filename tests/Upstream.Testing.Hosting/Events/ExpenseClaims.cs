using Upstream.Events.V1;

namespace Upstream.Testing.Events;

/// <summary>Expense claims as an attendee of <see cref="EventsHost.Residential"/> drafts them, each line with its receipt.</summary>
public static class ExpenseClaims
{
    private const string ReceiptHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static DraftExpenseClaimRequest Draft(ProgrammeEvent residential, EventRegistration registration, params ExpenseLine[] lines)
    {
        var request = new DraftExpenseClaimRequest { ProgrammeEventId = residential.ProgrammeEventId, RegistrationId = registration.RegistrationId };
        request.Lines.AddRange(lines);
        return request;
    }

    public static ExpenseLine Travel(long pence, int miles) => Line(ExpenseCategory.Travel, "Drive to Birmingham and back", pence, miles: miles);

    public static ExpenseLine Accommodation(long pence, int nights = 1) => Line(ExpenseCategory.Accommodation, "Hotel", pence, nights: nights);

    public static ExpenseLine Subsistence(long pence) => Line(ExpenseCategory.Subsistence, "Dinner", pence);

    private static ExpenseLine Line(ExpenseCategory category, string description, long pence, int miles = 0, int nights = 0) => new()
    {
        Category = category,
        Description = description,
        AmountPence = pence,
        Miles = miles,
        Nights = nights,
        Receipt = new ExpenseReceipt { Date = "2026-05-12", Supplier = "Supplier Ltd", AmountPence = pence, FileName = "receipt.pdf", FileSha256 = ReceiptHash },
    };
}
