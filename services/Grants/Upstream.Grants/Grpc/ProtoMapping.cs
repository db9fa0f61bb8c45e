using Google.Protobuf.WellKnownTypes;
using Upstream.Domain.Time;
using Upstream.Grants.Domain;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Grants.Grpc;

/// <summary>Between the wire (proto messages) and the domain: the one place the two shapes meet.</summary>
public static class ProtoMapping
{
    public static FundDetails FromProto(this V1.FundDetails? details)
    {
        details ??= new V1.FundDetails();
        var input = new WireInput();
        var opens = input.LondonWallTime(details.OpensAt, "opens_at");
        var closes = input.LondonWallTime(details.ClosesAt, "closes_at");
        var fund = new FundDetails(
            details.Name,
            details.TotalPence,
            details.MinimumAwardPence == 0 ? FundDetails.DefaultMinimumAwardPence : details.MinimumAwardPence,
            details.MaximumAwardPence == 0 ? FundDetails.DefaultMaximumAwardPence : details.MaximumAwardPence,
            opens,
            closes,
            details.Purposes.Count == 0 ? Purposes.All : [.. details.Purposes.Select(p => p.Trim().ToLowerInvariant())]);
        input.ThrowIfAny(fund.Validate);
        return fund;
    }

    public static V1.Fund ToProto(this Fund fund, DateTimeOffset now)
    {
        var proto = new V1.Fund
        {
            FundId = fund.Id.ToString(),
            Name = fund.Name,
            TotalPence = fund.TotalPence,
            MinimumAwardPence = fund.MinimumAwardPence,
            MaximumAwardPence = fund.MaximumAwardPence,
            OpensAt = Timestamp.FromDateTimeOffset(fund.OpensAt),
            ClosesAt = Timestamp.FromDateTimeOffset(fund.ClosesAt),
            CommittedPence = fund.CommittedPence,
            PaidPence = fund.PaidPence,
            RemainingPence = fund.RemainingPence,
            Open = fund.IsOpenAt(now),
        };
        proto.Purposes.AddRange(fund.Purposes);
        proto.Criteria.AddRange(fund.Criteria);
        return proto;
    }

    public static RequestDetails FromProto(this V1.GrantRequestDetails? details)
    {
        details ??= new V1.GrantRequestDetails();
        var input = new WireInput();
        var start = input.Date(details.PlannedStart, "planned_start");
        var end = input.Date(details.PlannedEnd, "planned_end");
        input.ThrowIfAny();
        return new RequestDetails(
            details.LeadCouncilCode,
            [.. details.PartnerCouncilCodes],
            details.Title,
            details.Tests,
            details.Purpose.Trim().ToLowerInvariant(),
            details.WiderBenefit,
            start,
            end,
            details.AmountPence,
            [.. details.BudgetLines.Select(l => new BudgetLine(l.Description, l.AmountPence))],
            new RequestContact(details.Contact?.Name ?? "", details.Contact?.Email ?? ""));
    }

    public static V1.GrantRequest ToProto(this GrantRequest request)
    {
        var proto = new V1.GrantRequest
        {
            RequestId = request.Id.ToString(),
            FundId = request.FundId.ToString(),
            LeadCouncilCode = request.LeadCouncilCode,
            Title = request.Title,
            Tests = request.Tests,
            Purpose = request.Purpose,
            WiderBenefit = request.WiderBenefit,
            PlannedStart = Date(request.PlannedStart),
            PlannedEnd = Date(request.PlannedEnd),
            AmountPence = request.AmountPence,
            Contact = new V1.RequestContact { Name = request.Contact.Name, Email = request.Contact.Email },
            State = request.State switch
            {
                GrantRequestState.Draft => V1.GrantRequestState.Draft,
                GrantRequestState.Submitted => V1.GrantRequestState.Submitted,
                GrantRequestState.UnderAssessment => V1.GrantRequestState.UnderAssessment,
                GrantRequestState.Awarded => V1.GrantRequestState.Awarded,
                GrantRequestState.Declined => V1.GrantRequestState.Declined,
                _ => V1.GrantRequestState.Withdrawn,
            },
            DecidedBy = request.DecidedBy ?? "",
            DecisionReason = request.DecisionReason ?? "",
            SubmittedAt = Time(request.SubmittedAt),
            DecidedAt = Time(request.DecidedAt),
        };
        proto.PartnerCouncilCodes.AddRange(request.PartnerCouncilCodes);
        proto.BudgetLines.AddRange(request.BudgetLines.Select(l => new V1.BudgetLine { Description = l.Description, AmountPence = l.AmountPence }));
        return proto;
    }

    public static V1.Assessment ToProto(this Assessment assessment)
    {
        var proto = new V1.Assessment
        {
            AssessmentId = assessment.Id.ToString(),
            RequestId = assessment.RequestId.ToString(),
            Assessor = assessment.Assessor,
            AssessorCouncilCode = assessment.AssessorCouncilCode ?? "",
            Comment = assessment.Comment ?? "",
            ConflictOfInterest = assessment.ConflictOfInterest ?? "",
            AssignedAt = Timestamp.FromDateTimeOffset(assessment.AssignedAt),
            ScoredAt = Time(assessment.ScoredAt),
        };
        proto.Scores.Add(assessment.Scores);
        return proto;
    }

    public static V1.Grant ToProto(this Grant grant, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(ProgrammeTime.ToLondon(now));
        var proto = new V1.Grant
        {
            GrantId = grant.Id.ToString(),
            RequestId = grant.RequestId.ToString(),
            FundId = grant.FundId.ToString(),
            LeadCouncilCode = grant.LeadCouncilCode,
            Title = grant.Title,
            AwardedPence = grant.AwardedPence,
            PaidPence = grant.PaidPence,
            AwardedBy = grant.AwardedBy,
            AwardedAt = Timestamp.FromDateTimeOffset(grant.AwardedAt),
        };
        proto.PartnerCouncilCodes.AddRange(grant.PartnerCouncilCodes);
        proto.Conditions.AddRange(grant.Conditions);
        proto.Tranches.AddRange(grant.Tranches.Select(t => new V1.Tranche
        {
            PaymentReference = t.PaymentReference,
            AmountPence = t.AmountPence,
            PaidAt = Timestamp.FromDateTimeOffset(t.PaidAt),
            PaidBy = t.PaidBy,
        }));
        proto.Reports.AddRange(grant.Reports.Select(r => r.ToProto(today)));
        return proto;
    }

    public static V1.EvidenceReport ToProto(this EvidenceReport report, DateOnly londonToday) => new()
    {
        ReportId = report.Id.ToString(),
        DueOn = Date(report.DueOn),
        State = report.State switch
        {
            ReportState.Due => V1.ReportState.Due,
            ReportState.Submitted => V1.ReportState.Submitted,
            ReportState.Accepted => V1.ReportState.Accepted,
            _ => V1.ReportState.SentBack,
        },
        WhatWasTried = report.WhatWasTried ?? "",
        Results = report.Results ?? "",
        ReusableByOthers = report.ReusableByOthers ?? "",
        SubmittedAt = Time(report.SubmittedAt),
        ReviewNote = report.ReviewNote ?? "",
        Overdue = report.IsOverdue(londonToday),
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Timestamp? Time(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
