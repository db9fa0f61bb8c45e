using Upstream.Applications.Registry;
using Upstream.Domain.Refusals;
using Upstream.Domain.Registry;
using Upstream.Domain.Time;

namespace Upstream.Applications.Domain;

/// <summary>
/// A council's application to a call. Drafts can be saved until the call closes (or the council's extension
/// ends); submission after that is refused naming the closing moment in London time. Every change of state is
/// recorded with who made it and when.
/// </summary>
public sealed class Application
{
    /// <summary>What is left of a contact whose personal data was erased.</summary>
    public static readonly Contact ErasedContact = new("Erased person", "", "");

    private Application()
    {
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    /// <summary>The registry code of the lead council; its name and region are copied from the registry.</summary>
    public string LeadCouncilCode { get; private set; } = "";

    public string LeadCouncilName { get; private set; } = "";

    public string Region { get; private set; } = "";

    public Initiative Initiative { get; private set; } = Initiative.Empty;

    public List<Contact> Contacts { get; private set; } = [];

    public List<string> Partners { get; private set; } = [];

    public ApplicationState State { get; private set; }

    public List<StateChange> History { get; private set; } = [];

    public DateTimeOffset? ExtendedUntil { get; private set; }

    public string? ExtensionReason { get; private set; }

    public List<string> IneligibilityReasons { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public static Application Start(Call call, LeadCheck lead, ApplicationDraft draft, string by, DateTimeOffset now)
    {
        if (!lead.IsAllowed)
        {
            throw new InvalidInputException([new FieldViolation("lead_council_code", lead.Refusal!)]);
        }

        var application = new Application
        {
            Id = Guid.CreateVersion7(now),
            CallId = call.Id,
            LeadCouncilCode = lead.Authority!.Code,
            LeadCouncilName = lead.Authority.OfficialName,
            Region = lead.Authority.Region!,
            State = ApplicationState.Draft,
            CreatedAt = now,
        };
        application.SaveDraft(call, draft, by, now);
        application.History.Clear(); // creation is not a change of state
        return application;
    }

    /// <summary>
    /// An application staff record on a council's behalf (received by other means): complete, submitted at once,
    /// and not bound by the deadline, because staff only record what arrived in time.
    /// </summary>
    public static Application Import(Call call, LeadCheck lead, ApplicationDraft draft, string by, DateTimeOffset now)
    {
        var v = new Violations();
        if (!lead.IsAllowed)
        {
            v.Require(false, "lead_council_code", lead.Refusal!);
        }

        draft.Initiative.ValidateForSubmission(v);
        draft.ValidateContacts(v, complete: true);
        v.ThrowIfAny();
        var application = new Application
        {
            Id = Guid.CreateVersion7(now),
            CallId = call.Id,
            LeadCouncilCode = lead.Authority!.Code,
            LeadCouncilName = lead.Authority.OfficialName,
            Region = lead.Authority.Region!,
            State = ApplicationState.Draft,
            CreatedAt = now,
            SubmittedAt = now,
            Initiative = draft.Initiative,
            Contacts = [.. draft.Contacts],
            Partners = [.. draft.Partners],
        };
        application.Move(ApplicationState.Submitted, by, now, "imported by staff");
        return application;
    }

    /// <summary>The moment after which this council can no longer change or submit: the call's close, or its extension.</summary>
    public DateTimeOffset Deadline(Call call) => ExtendedUntil is { } extended && extended > call.ClosesAt ? extended : call.ClosesAt;

    public void SaveDraft(Call call, ApplicationDraft draft, string by, DateTimeOffset now)
    {
        EnsureEditable(call, now, "saved");
        var v = new Violations();
        draft.Initiative.ValidateDraft(v);
        draft.ValidateContacts(v, complete: false);
        v.ThrowIfAny();
        Initiative = draft.Initiative;
        Contacts = [.. draft.Contacts];
        Partners = [.. draft.Partners.Select(p => p.Trim()).Where(p => p.Length > 0)];
    }

    /// <summary>
    /// A contact asked to be forgotten: their name, role and email go, the application stays (decisions and scores
    /// still add up). Allowed in any state: erasure is a right, not an edit. Returns how many contacts matched.
    /// </summary>
    public int EraseContacts(Func<string, bool> isErasedEmail)
    {
        var erased = Contacts.Count(c => isErasedEmail(c.Email));
        Contacts = [.. Contacts.Select(c => isErasedEmail(c.Email) ? ErasedContact : c)];
        return erased;
    }

    public void Submit(Call call, string by, DateTimeOffset now)
    {
        EnsureEditable(call, now, "submitted");
        var v = new Violations();
        Initiative.ValidateForSubmission(v);
        new ApplicationDraft(Initiative, Contacts, Partners).ValidateContacts(v, complete: true);
        v.ThrowIfAny();
        SubmittedAt = now;
        Move(ApplicationState.Submitted, by, now, null);
    }

    /// <summary>Screening runs on submission: the checks a person would otherwise do by hand before review.</summary>
    public void Screen(Call call, LocalAuthorityRegistry registry, DateTimeOffset now)
    {
        RequireState(ApplicationState.Submitted, "screened");
        var reasons = new List<string>();
        var lead = LeadEligibility.Check(registry, LeadCouncilCode, DateOnly.FromDateTime(ProgrammeTime.ToLondon(call.ClosesAt)));
        if (!lead.IsAllowed)
        {
            reasons.Add(lead.Refusal!);
        }

        if (Initiative.Approval is null)
        {
            reasons.Add("No evidence of internal approval (who approved, and when).");
        }

        if (Initiative.BudgetPence is null or 0)
        {
            reasons.Add("No budget assigned to the initiative.");
        }

        IneligibilityReasons = reasons;
        Move(reasons.Count == 0 ? ApplicationState.Eligible : ApplicationState.Ineligible, "screening", now, reasons.Count == 0 ? null : string.Join(" ", reasons));
    }

    /// <summary>Staff may overrule screening either way; the reason is kept with the change.</summary>
    public void OverrideScreening(bool eligible, string reason, string by, DateTimeOffset now)
    {
        if (State is not (ApplicationState.Eligible or ApplicationState.Ineligible))
        {
            throw new DomainRuleException("application.state", $"Only a screened application can be overridden; this one is {Describe(State)}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException([new FieldViolation("reason", "An override needs a reason.")]);
        }

        Move(eligible ? ApplicationState.Eligible : ApplicationState.Ineligible, by, now, reason.Trim());
    }

    /// <summary>The first review moves an eligible application under review; later ones change nothing.</summary>
    public void BeginReview(string by, DateTimeOffset now)
    {
        if (State == ApplicationState.Eligible)
        {
            Move(ApplicationState.UnderReview, by, now, null);
        }
    }

    /// <summary>Applications that can still be chosen for the cohort.</summary>
    public bool IsInTheRunning => State is ApplicationState.Eligible or ApplicationState.UnderReview or ApplicationState.Shortlisted;

    public void Shortlist(string by, DateTimeOffset now)
    {
        if (State is not (ApplicationState.Eligible or ApplicationState.UnderReview))
        {
            throw new DomainRuleException("application.state", $"Only an eligible application can be shortlisted; this one is {Describe(State)}.");
        }

        Move(ApplicationState.Shortlisted, by, now, null);
    }

    /// <summary>The cohort decision, made once for the whole call: selected, or declined with the reason it was not chosen.</summary>
    public void Decide(bool selected, string reason, string by, DateTimeOffset now)
    {
        if (!IsInTheRunning)
        {
            throw new DomainRuleException("application.state", $"The application is {Describe(State)} and is not part of the cohort decision.");
        }

        Move(selected ? ApplicationState.Selected : ApplicationState.Declined, by, now, reason);
    }

    public void Withdraw(string by, DateTimeOffset now)
    {
        if (State is ApplicationState.Withdrawn or ApplicationState.Selected or ApplicationState.Declined)
        {
            throw new DomainRuleException("application.state", $"The application is {Describe(State)} and can no longer be withdrawn.");
        }

        Move(ApplicationState.Withdrawn, by, now, null);
    }

    public void GrantExtension(Call call, DateTimeOffset until, string reason, string by, DateTimeOffset now)
    {
        if (until <= call.ClosesAt)
        {
            throw new InvalidInputException([new FieldViolation("until", $"An extension must end after the call closes ({ProgrammeTime.Describe(call.ClosesAt)}).")]);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException([new FieldViolation("reason", "An extension needs a reason.")]);
        }

        ExtendedUntil = until;
        ExtensionReason = $"{reason.Trim()} (granted by {by} at {ProgrammeTime.Describe(now)})";
    }

    private void EnsureEditable(Call call, DateTimeOffset now, string action)
    {
        if (State != ApplicationState.Draft)
        {
            throw new DomainRuleException("application.state", $"The application is {Describe(State)}; only a draft can be {action}.");
        }

        if (now < call.OpensAt || call.PublishedAt is null)
        {
            throw new DomainRuleException("call.not_open", "The call is not open yet.");
        }

        if (now >= Deadline(call))
        {
            var extended = ExtendedUntil is not null && ExtendedUntil > call.ClosesAt;
            throw new DomainRuleException("call.closed", extended
                ? $"This application's extension ended at {ProgrammeTime.Describe(Deadline(call))}."
                : $"The call closed at {ProgrammeTime.Describe(call.ClosesAt)}.");
        }
    }

    private void RequireState(ApplicationState expected, string action)
    {
        if (State != expected)
        {
            throw new DomainRuleException("application.state", $"The application is {Describe(State)}; only a {Describe(expected)} application can be {action}.");
        }
    }

    private void Move(ApplicationState to, string by, DateTimeOffset now, string? reason)
    {
        History.Add(new StateChange(State, to, by, now, reason));
        State = to;
    }

    private static string Describe(ApplicationState state) => state switch
    {
        ApplicationState.UnderReview => "under review",
        _ => state.ToString().ToLowerInvariant(),
    };
}

/// <summary>What an applicant fills in; may be incomplete until submission.</summary>
public sealed record ApplicationDraft(Initiative Initiative, IReadOnlyList<Contact> Contacts, IReadOnlyList<string> Partners)
{
    public void ValidateContacts(Violations v, bool complete)
    {
        v.Require(Contacts.Count <= 2, "contacts", "Name two contacts.");
        if (complete)
        {
            v.Require(Contacts.Count == 2, "contacts", "Name two contacts.");
        }

        for (var i = 0; i < Contacts.Count; i++)
        {
            v.Require(!string.IsNullOrWhiteSpace(Contacts[i].Name), $"contacts[{i}].name", "A contact needs a name.");
            v.Require(Contacts[i].Email.Count(c => c == '@') == 1 && !Contacts[i].Email.Contains(' ', StringComparison.Ordinal), $"contacts[{i}].email", "A contact needs a valid email address.");
        }
    }
}
