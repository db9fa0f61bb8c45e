using System.Net.Mail;
using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain;

/// <summary>
/// One of a member council's people. Personal data (name, role, work email): never logged or traced, exported on
/// request and erased on request, after which only the placeholder and the council remain.
/// </summary>
public sealed class Person
{
    public const string ErasedName = "Erased person";

    private Person()
    {
    }

    public Guid Id { get; private set; }

    public Guid MemberId { get; private set; }

    public string CouncilCode { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Role { get; private set; } = "";

    /// <summary>Trimmed and lower-cased: addresses that differ only in case are one mailbox, and one person per council has it.</summary>
    public string Email { get; private set; } = "";

    /// <summary>Whether other members may see them in the directory; off until they agree.</summary>
    public bool DirectoryConsent { get; private set; }

    /// <summary>Where they come in the council's list: the order they were added in (its first contact first).</summary>
    public int Position { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    public bool IsErased => ErasedAt is not null;

    public static Person Add(Member member, PersonDetails details, int position, DateTimeOffset now)
    {
        details.Validate();
        return New(member, details, position, now);
    }

    /// <summary>
    /// A contact from the selected application. Applications already checked it; it is taken as it came, because a
    /// refusal here would leave the council without its people rather than fix anything. No consent is assumed.
    /// </summary>
    public static Person FromContact(Member member, string name, string role, string email, int position, DateTimeOffset now) =>
        New(member, new PersonDetails(name, role, email, DirectoryConsent: false), position, now);

    public void Revise(PersonDetails details)
    {
        details.Validate();
        if (IsErased)
        {
            throw new DomainRuleException("person.erased", "This person's data was erased; add them again if they return.");
        }

        (Name, Role, Email, DirectoryConsent) = (details.Name.Trim(), details.Role.Trim(), Normalised(details.Email), details.DirectoryConsent);
    }

    /// <summary>Removes the personal fields and withdraws consent; the record stays so the council's history adds up.</summary>
    public void Erase(DateTimeOffset now)
    {
        if (IsErased)
        {
            throw new DomainRuleException("person.erased", "This person's data was already erased.");
        }

        (Name, Role, Email, DirectoryConsent, ErasedAt) = (ErasedName, "", "", false, now);
    }

    private static Person New(Member member, PersonDetails details, int position, DateTimeOffset now) =>
        new()
        {
            Id = Guid.NewGuid(),
            MemberId = member.Id,
            CouncilCode = member.CouncilCode,
            Name = details.Name.Trim(),
            Role = details.Role.Trim(),
            Email = Normalised(details.Email),
            DirectoryConsent = details.DirectoryConsent,
            Position = position,
            AddedAt = now,
        };

    private static string Normalised(string email) => email.Trim().ToLowerInvariant();
}

public sealed record PersonDetails(string Name, string Role, string Email, bool DirectoryConsent)
{
    public void Validate()
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(Name), "details.name", "A person needs a name.");
        v.Require(IsEmail(Email), "details.email", "Give a work email address, such as name@council.gov.uk.");
        v.ThrowIfAny();
    }

    /// <summary>One address, as typed (no display name, no spaces), with a dotted domain.</summary>
    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email.Trim(), out var address)
        && address.Address == email.Trim()
        && string.IsNullOrEmpty(address.DisplayName)
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');
}
