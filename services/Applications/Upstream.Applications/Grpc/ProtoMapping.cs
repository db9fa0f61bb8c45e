using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Upstream.Applications.Bulk;
using Upstream.Applications.Domain;
using Upstream.Domain.Refusals;
using Upstream.Domain.Time;

namespace Upstream.Applications.Grpc;

/// <summary>
/// Between the wire contract and the domain. Reading collects every field problem (named by its proto field
/// path) before anything runs, so a caller fixes a request in one go.
/// </summary>
public static partial class ProtoMapping
{
    private const string WallTimeFormat = "yyyy-MM-dd'T'HH:mm";

    public static V1.Call ToProto(this Call call, DateTimeOffset now)
    {
        var proto = new V1.Call
        {
            Id = call.Id.ToString(),
            Title = call.Title,
            Description = call.Description,
            Opens = Deadline(call.OpensAt),
            Closes = Deadline(call.ClosesAt),
            DecisionsBy = call.DecisionsBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TargetCohortSize = call.TargetCohortSize,
            Quotas = call.Quotas.ToProto(),
            State = call.StateAt(now) switch
            {
                CallState.Draft => V1.CallState.Draft,
                CallState.Scheduled => V1.CallState.Scheduled,
                CallState.Open => V1.CallState.Open,
                CallState.Closed => V1.CallState.Closed,
                _ => V1.CallState.Decided,
            },
        };
        proto.Criteria.AddRange(call.Criteria.Select(c => new V1.ScoringCriterion { Key = c.Key, Title = c.Title, Weight = c.Weight }));
        return proto;
    }

    public static V1.Deadline Deadline(DateTimeOffset at) => new() { At = Timestamp.FromDateTimeOffset(at), London = ProgrammeTime.Describe(at) };

    private static V1.SelectionQuotas ToProto(this SelectionQuotas quotas)
    {
        var proto = new V1.SelectionQuotas();
        proto.Regions.AddRange(quotas.Regions.Select(r => new V1.RegionQuota { Region = r.Region, Minimum = r.Minimum, Maximum = r.Maximum }));
        proto.Characters.AddRange(quotas.Characters.Select(c => new V1.CharacterQuota { Character = ToProto(c.Character), Minimum = c.Minimum }));
        return proto;
    }

    public static CallDetails FromProto(this V1.CallDetails? details)
    {
        var v = new Violations();
        if (details is null)
        {
            v.Require(false, "details", "Give the call's details.");
            v.ThrowIfAny();
        }

        var opens = WallTime(details!.OpensLondon, "details.opens_london", v);
        var closes = WallTime(details.ClosesLondon, "details.closes_london", v);
        var decisions = Date(details.DecisionsBy, "details.decisions_by", v);
        var characters = new List<CharacterQuota>();
        for (var i = 0; i < (details.Quotas?.Characters.Count ?? 0); i++)
        {
            var q = details.Quotas!.Characters[i];
            var character = FromProto(q.Character);
            v.Require(character != AreaCharacter.None, $"details.quotas.characters[{i}].character", "Choose urban, rural or coastal.");
            characters.Add(new CharacterQuota(character, q.Minimum));
        }

        v.ThrowIfAny();
        return new CallDetails(
            details.Title,
            details.Description,
            opens,
            closes,
            decisions,
            details.TargetCohortSize == 0 ? CallDetails.DefaultCohortSize : details.TargetCohortSize,
            [.. details.Criteria.Select(c => new ScoringCriterion(c.Key, c.Title, c.Weight))],
            new SelectionQuotas([.. (details.Quotas?.Regions ?? []).Select(r => new RegionQuota(r.Region, r.Minimum, r.Maximum))], characters));
    }

    public static V1.Application ToProto(this Application application, Call call)
    {
        var i = application.Initiative;
        var initiative = new V1.Initiative
        {
            Title = i.Title,
            Summary = i.Summary,
            UpstreamProblem = i.UpstreamProblem,
            ServiceArea = i.ServiceArea,
            Stage = i.Stage switch { InitiativeStage.Idea => V1.InitiativeStage.Idea, InitiativeStage.Early => V1.InitiativeStage.Early, _ => V1.InitiativeStage.Active },
            Approval = i.Approval is { } a ? new V1.InternalApproval { ApprovedBy = a.ApprovedBy, ApprovedOn = a.ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } : null,
            ResourcesAssigned = i.ResourcesAssigned,
        };
        if (i.BudgetPence is { } budget)
        {
            initiative.BudgetPence = budget;
        }

        initiative.AreaCharacters.AddRange(new[] { AreaCharacter.Urban, AreaCharacter.Rural, AreaCharacter.Coastal }.Where(c => i.Characters.HasFlag(c)).Select(ToProto));
        var proto = new V1.Application
        {
            Id = application.Id.ToString(),
            CallId = application.CallId.ToString(),
            LeadCouncilCode = application.LeadCouncilCode,
            LeadCouncilName = application.LeadCouncilName,
            Region = application.Region,
            Initiative = initiative,
            State = ToProto(application.State),
            Deadline = Deadline(application.Deadline(call)),
            ExtensionReason = application.ExtensionReason ?? "",
            SubmittedAt = application.SubmittedAt is { } submitted ? Timestamp.FromDateTimeOffset(submitted) : null,
        };
        proto.Contacts.AddRange(application.Contacts.Select(c => new V1.Contact { Name = c.Name, Role = c.Role, Email = c.Email }));
        proto.Partners.AddRange(application.Partners);
        proto.History.AddRange(application.History.Select(h => new V1.StateChange { From = ToProto(h.From), To = ToProto(h.To), By = h.By, At = Timestamp.FromDateTimeOffset(h.At), Reason = h.Reason ?? "" }));
        proto.IneligibilityReasons.AddRange(application.IneligibilityReasons);
        return proto;
    }

    public static ApplicationDraft FromProto(this V1.ApplicationDraft? draft, string field = "draft")
    {
        var v = new Violations();
        draft ??= new V1.ApplicationDraft();
        var i = draft.Initiative ?? new V1.Initiative();
        InternalApproval? approval = null;
        if (i.Approval is { } a)
        {
            approval = new InternalApproval(a.ApprovedBy, Date(a.ApprovedOn, $"{field}.initiative.approval.approved_on", v));
        }

        var characters = AreaCharacter.None;
        for (var n = 0; n < i.AreaCharacters.Count; n++)
        {
            var c = FromProto(i.AreaCharacters[n]);
            v.Require(c != AreaCharacter.None, $"{field}.initiative.area_characters[{n}]", "Choose urban, rural or coastal.");
            characters |= c;
        }

        var stage = i.Stage switch
        {
            V1.InitiativeStage.Early => InitiativeStage.Early,
            V1.InitiativeStage.Active => InitiativeStage.Active,
            _ => InitiativeStage.Idea,
        };
        v.ThrowIfAny();
        return new ApplicationDraft(
            new Initiative(i.Title, i.Summary, i.UpstreamProblem, i.ServiceArea, stage, approval, i.HasBudgetPence ? i.BudgetPence : null, i.ResourcesAssigned, characters),
            [.. draft.Contacts.Select(c => new Contact(c.Name, c.Role, c.Email))],
            [.. draft.Partners]);
    }

    public static V1.Review ToProto(this Review review)
    {
        var proto = new V1.Review
        {
            Id = review.Id.ToString(),
            ApplicationId = review.ApplicationId.ToString(),
            Reviewer = review.Reviewer,
            ConflictOfInterest = review.ConflictOfInterest ?? "",
            SubmittedAt = Timestamp.FromDateTimeOffset(review.SubmittedAt),
        };
        proto.Scores.Add(review.Scores);
        return proto;
    }

    public static V1.ImportReport ToProto(this ImportReport report)
    {
        var proto = new V1.ImportReport { Imported = report.Imported };
        proto.ApplicationIds.AddRange(report.ApplicationIds.Select(id => id.ToString()));
        proto.Problems.AddRange(report.Problems.Select(p => new V1.RowProblem { Line = p.Line, CouncilCode = p.CouncilCode, Field = p.Field, Description = p.Description }));
        return proto;
    }

    public static V1.ApplicationState ToProto(ApplicationState state) => state switch
    {
        ApplicationState.Draft => V1.ApplicationState.Draft,
        ApplicationState.Submitted => V1.ApplicationState.Submitted,
        ApplicationState.Withdrawn => V1.ApplicationState.Withdrawn,
        ApplicationState.Eligible => V1.ApplicationState.Eligible,
        ApplicationState.Ineligible => V1.ApplicationState.Ineligible,
        ApplicationState.UnderReview => V1.ApplicationState.UnderReview,
        ApplicationState.Shortlisted => V1.ApplicationState.Shortlisted,
        ApplicationState.Selected => V1.ApplicationState.Selected,
        _ => V1.ApplicationState.Declined,
    };

    /// <summary>The domain state a wire state names; null for UNSPECIFIED or a value this version does not know.</summary>
    public static ApplicationState? FromProto(V1.ApplicationState state) =>
        System.Enum.GetValues<ApplicationState>().Where(s => ToProto(s) == state && state != V1.ApplicationState.Unspecified).Cast<ApplicationState?>().FirstOrDefault();

    /// <summary>An id the caller sent: a malformed one is a field problem, not a missing thing.</summary>
    public static Guid Id(string value, string field)
    {
        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        throw new InvalidInputException([new FieldViolation(field, "Not a valid id.")]);
    }

    public static DateTimeOffset WallTime(string value, string field, Violations v)
    {
        if (!DateTime.TryParseExact(value, WallTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            v.Require(false, field, "A London wall time, yyyy-mm-ddThh:mm (for example 2024-07-15T12:00).");
            return default;
        }

        try
        {
            return ProgrammeTime.ToInstant(wall);
        }
        catch (ArgumentException e)
        {
            v.Require(false, field, e.Message.Split(" (Parameter", 2)[0]);
            return default;
        }
    }

    private static DateOnly Date(string value, string field, Violations v)
    {
        var ok = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        v.Require(ok, field, "A date, yyyy-mm-dd.");
        return date;
    }

    private static V1.AreaCharacter ToProto(AreaCharacter character) => character switch
    {
        AreaCharacter.Urban => V1.AreaCharacter.Urban,
        AreaCharacter.Rural => V1.AreaCharacter.Rural,
        AreaCharacter.Coastal => V1.AreaCharacter.Coastal,
        _ => V1.AreaCharacter.Unspecified,
    };

    private static AreaCharacter FromProto(V1.AreaCharacter character) => character switch
    {
        V1.AreaCharacter.Urban => AreaCharacter.Urban,
        V1.AreaCharacter.Rural => AreaCharacter.Rural,
        V1.AreaCharacter.Coastal => AreaCharacter.Coastal,
        _ => AreaCharacter.None,
    };
}
