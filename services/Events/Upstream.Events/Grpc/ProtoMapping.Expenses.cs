using Google.Protobuf.WellKnownTypes;
using Upstream.Events.Domain.Expenses;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Events.Grpc;

/// <summary>Expense claims on the wire.</summary>
public static partial class ProtoMapping
{
    public static IReadOnlyList<ExpenseLine> FromProto(this IEnumerable<V1.ExpenseLine> lines)
    {
        var input = new WireInput();
        var read = lines.Select((line, i) =>
        {
            var receipt = line.Receipt ?? new V1.ExpenseReceipt();
            var category = line.Category switch
            {
                V1.ExpenseCategory.Travel => ExpenseCategory.Travel,
                V1.ExpenseCategory.Accommodation => ExpenseCategory.Accommodation,
                V1.ExpenseCategory.Subsistence => ExpenseCategory.Subsistence,
                _ => (ExpenseCategory?)null,
            };
            if (category is null)
            {
                input.Refuse($"lines[{i}].category", "Travel, accommodation or subsistence.");
            }

            return new ExpenseLine(
                category ?? ExpenseCategory.Subsistence,
                line.Description.Trim(),
                line.AmountPence,
                line.Miles,
                line.Nights,
                new ExpenseReceipt(input.Date(receipt.Date, $"lines[{i}].receipt.date"), receipt.Supplier.Trim(), receipt.AmountPence, receipt.FileName.Trim(), receipt.FileSha256.Trim()));
        }).ToList();
        input.ThrowIfAny();
        return read;
    }

    public static V1.ExpenseClaim ToProto(this ExpenseClaim claim)
    {
        var proto = new V1.ExpenseClaim
        {
            ClaimId = claim.Id.ToString(),
            ProgrammeEventId = claim.ProgrammeEventId.ToString(),
            RegistrationId = claim.RegistrationId.ToString(),
            PersonId = claim.PersonId.ToString(),
            CouncilCode = claim.CouncilCode,
            State = claim.State switch
            {
                ExpenseClaimState.Draft => V1.ExpenseClaimState.Draft,
                ExpenseClaimState.Submitted => V1.ExpenseClaimState.Submitted,
                ExpenseClaimState.Approved => V1.ExpenseClaimState.Approved,
                ExpenseClaimState.Rejected => V1.ExpenseClaimState.Rejected,
                _ => V1.ExpenseClaimState.Paid,
            },
            TotalPence = claim.TotalPence,
            RejectionReason = claim.RejectionReason ?? "",
            PaymentReference = claim.PaymentReference ?? "",
            SubmittedAt = Time(claim.SubmittedAt),
            DecidedAt = Time(claim.DecidedAt),
            PaidAt = Time(claim.PaidAt),
        };
        proto.Lines.AddRange(claim.Lines.Select(l => new V1.ExpenseLine
        {
            Category = l.Category switch
            {
                ExpenseCategory.Travel => V1.ExpenseCategory.Travel,
                ExpenseCategory.Accommodation => V1.ExpenseCategory.Accommodation,
                _ => V1.ExpenseCategory.Subsistence,
            },
            Description = l.Description,
            AmountPence = l.AmountPence,
            Miles = l.Miles,
            Nights = l.Nights,
            Receipt = new V1.ExpenseReceipt
            {
                Date = Date(l.Receipt.Date),
                Supplier = l.Receipt.Supplier,
                AmountPence = l.Receipt.AmountPence,
                FileName = l.Receipt.FileName,
                FileSha256 = l.Receipt.FileSha256,
            },
        }));
        return proto;
    }

    public static V1.ExpenseClaimTotals ToProto(this IReadOnlyList<(string CouncilCode, ExpenseClaimState State, long Pence)> totals, Guid programmeEventId)
    {
        long Sum(IEnumerable<(string CouncilCode, ExpenseClaimState State, long Pence)> rows, ExpenseClaimState state) => rows.Where(r => r.State == state).Sum(r => r.Pence);
        var proto = new V1.ExpenseClaimTotals
        {
            ProgrammeEventId = programmeEventId.ToString(),
            SubmittedPence = Sum(totals, ExpenseClaimState.Submitted),
            ApprovedPence = Sum(totals, ExpenseClaimState.Approved),
            PaidPence = Sum(totals, ExpenseClaimState.Paid),
        };
        proto.Councils.AddRange(totals.GroupBy(t => t.CouncilCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new V1.ExpenseClaimCouncilTotal
        {
            CouncilCode = g.Key,
            SubmittedPence = Sum(g, ExpenseClaimState.Submitted),
            ApprovedPence = Sum(g, ExpenseClaimState.Approved),
            PaidPence = Sum(g, ExpenseClaimState.Paid),
        }));
        return proto;
    }

    private static Timestamp? Time(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
