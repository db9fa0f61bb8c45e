namespace Upstream.Events.Domain.Expenses;

public enum ExpenseCategory
{
    Travel,
    Accommodation,
    Subsistence,
}

/// <summary>What the receipt says, and which file it is (by name and SHA-256; the file itself is kept elsewhere).</summary>
public sealed record ExpenseReceipt(DateOnly Date, string Supplier, long AmountPence, string FileName, string FileSha256);

/// <summary>One item claimed, in pence.</summary>
/// <param name="Miles">Travel by car: miles driven; 0 for a journey by public transport.</param>
/// <param name="Nights">Accommodation: nights stayed.</param>
public sealed record ExpenseLine(ExpenseCategory Category, string Description, long AmountPence, int Miles, int Nights, ExpenseReceipt Receipt);
