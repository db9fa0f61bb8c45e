using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Grants.Domain;

/// <summary>
/// The grant agreement an award becomes: the amount, its conditions, the tranches paid (never more than awarded)
/// and the evidence reports due.
/// </summary>
public sealed class Grant
{
    private Grant()
    {
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid FundId { get; private set; }

    public string LeadCouncilCode { get; private set; } = "";

    public List<string> PartnerCouncilCodes { get; private set; } = [];

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public DateOnly PlannedStart { get; private set; }

    public DateOnly PlannedEnd { get; private set; }

    public long AwardedPence { get; private set; }

    public long PaidPence { get; private set; }

    public List<string> Conditions { get; private set; } = [];

    public List<Tranche> Tranches { get; private set; } = [];

    public List<EvidenceReport> Reports { get; private set; } = [];

    public string AwardedBy { get; private set; } = "";

    public DateTimeOffset AwardedAt { get; private set; }

    public IReadOnlyList<string> Councils => [LeadCouncilCode, .. PartnerCouncilCodes];

    /// <summary>
    /// What an award asks that needs no lock: the amount within the fund's range, a reason, conditions not blank,
    /// reports due after today. Checked before the award queues for the fund, and again as it is decided.
    /// </summary>
    public static void RequireValidAward(Fund fund, long amountPence, string reason, IReadOnlyList<string> conditions, IReadOnlyList<DateOnly> reportDueDates, DateTimeOffset now)
    {
        var v = new Violations();
        fund.RequireInRange(amountPence, "amount_pence", v);
        v.Require(!string.IsNullOrWhiteSpace(reason), "reason", "Record why the request is awarded.");
        v.Require(reportDueDates.Count > 0, "report_due_dates", "Set when at least one evidence report is due.");
        var today = DateOnly.FromDateTime(ProgrammeTime.ToLondon(now));
        v.Require(reportDueDates.All(d => d > today), "report_due_dates", "Reports fall due after today.");
        v.Require(conditions.All(c => !string.IsNullOrWhiteSpace(c)), "conditions", "A condition cannot be blank.");
        v.ThrowIfAny();
    }

    /// <summary>
    /// Decides the request and commits the amount on the fund, given the fund read under its row lock (so no other
    /// award can move its committed total before this one's transaction commits); the table's CHECK has the last word.
    /// </summary>
    public static Grant Award(Fund fund, GrantRequest request, long amountPence, string by, string reason, IReadOnlyList<string> conditions, IReadOnlyList<DateOnly> reportDueDates, DateTimeOffset now)
    {
        RequireValidAward(fund, amountPence, reason, conditions, reportDueDates, now);
        fund.EnsureCanCommit(amountPence);
        request.Award(by, reason, now);
        fund.Commit(amountPence);
        return new Grant
        {
            Id = Guid.CreateVersion7(now),
            RequestId = request.Id,
            FundId = fund.Id,
            LeadCouncilCode = request.LeadCouncilCode,
            PartnerCouncilCodes = [.. request.PartnerCouncilCodes],
            Title = request.Title,
            Description = request.Tests,
            PlannedStart = request.PlannedStart,
            PlannedEnd = request.PlannedEnd,
            AwardedPence = amountPence,
            Conditions = [.. conditions.Select(c => c.Trim())],
            Reports = [.. reportDueDates.Distinct().Order().Select(d => new EvidenceReport(Guid.CreateVersion7(now), d, ReportState.Due))],
            AwardedBy = by,
            AwardedAt = now,
        };
    }

    public Tranche Pay(string paymentReference, long amountPence, string by, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(paymentReference), "payment_reference", "Give the payment's reference.");
        v.Require(Tranches.All(t => t.PaymentReference != paymentReference?.Trim()), "payment_reference", "This payment has already been recorded.");
        v.Require(amountPence > 0, "amount_pence", "A payment is more than zero.");
        v.Require(
            amountPence <= 0 || PaidPence + amountPence <= AwardedPence,
            "amount_pence",
            $"Only {Money.Describe(AwardedPence - PaidPence)} of the {Money.Describe(AwardedPence)} awarded is left to pay.");
        v.ThrowIfAny();
        var tranche = new Tranche(paymentReference.Trim(), amountPence, now, by);
        Tranches = [.. Tranches, tranche];
        PaidPence += amountPence;
        return tranche;
    }

    public EvidenceReport SubmitReport(Guid reportId, string whatWasTried, string results, string reusableByOthers, DateTimeOffset now)
    {
        var report = Report(reportId);
        if (report.State is not (ReportState.Due or ReportState.SentBack))
        {
            throw new DomainRuleException("report.state", $"This report is already {Describe(report.State)}.");
        }

        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(whatWasTried), "what_was_tried", "Say what was tried.");
        v.Require(!string.IsNullOrWhiteSpace(results), "results", "Say what the results were.");
        v.Require(!string.IsNullOrWhiteSpace(reusableByOthers), "reusable_by_others", "Say what other councils could reuse.");
        v.ThrowIfAny();
        return Replace(report with
        {
            State = ReportState.Submitted,
            WhatWasTried = whatWasTried.Trim(),
            Results = results.Trim(),
            ReusableByOthers = reusableByOthers.Trim(),
            SubmittedAt = now,
            ReviewNote = null,
        });
    }

    public EvidenceReport AcceptReport(Guid reportId) => Review(reportId, ReportState.Accepted, null);

    public EvidenceReport SendBackReport(Guid reportId, string note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new InvalidInputException([new FieldViolation("note", "Say what the report needs.")]);
        }

        return Review(reportId, ReportState.SentBack, note.Trim());
    }

    private EvidenceReport Review(Guid reportId, ReportState outcome, string? note)
    {
        var report = Report(reportId);
        if (report.State != ReportState.Submitted)
        {
            throw new DomainRuleException("report.state", $"Only a submitted report can be reviewed; this one is {Describe(report.State)}.");
        }

        return Replace(report with { State = outcome, ReviewNote = note });
    }

    private EvidenceReport Report(Guid reportId) =>
        Reports.FirstOrDefault(r => r.Id == reportId) ?? throw new NotFoundException($"Grant {Id} has no report {reportId}.");

    // A new list, so the change is seen on the jsonb column.
    private EvidenceReport Replace(EvidenceReport report)
    {
        Reports = [.. Reports.Select(r => r.Id == report.Id ? report : r)];
        return report;
    }

    private static string Describe(ReportState state) => state == ReportState.SentBack ? "sent back" : state.ToString().ToLowerInvariant();
}
