namespace Upstream.Domain.Refusals;

/// <summary>
/// Field-level problems with input, collected so the caller hears about all of them at once (they become
/// INVALID_ARGUMENT with google.rpc.BadRequest field violations at the API).
/// </summary>
public sealed class Violations
{
    private readonly List<FieldViolation> _items = [];

    public IReadOnlyList<FieldViolation> Items => _items;

    public void Require(bool condition, string field, string description)
    {
        if (!condition)
        {
            _items.Add(new FieldViolation(field, description));
        }
    }

    public void ThrowIfAny()
    {
        if (_items.Count > 0)
        {
            throw new InvalidInputException(_items);
        }
    }
}

public sealed record FieldViolation(string Field, string Description);

/// <summary>The input is malformed: nothing was changed.</summary>
public sealed class InvalidInputException(IReadOnlyList<FieldViolation> violations)
    : Exception(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}

/// <summary>The input is fine but the system is not in a state to accept it (FAILED_PRECONDITION).</summary>
public sealed class DomainRuleException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}

/// <summary>The thing asked for does not exist (NOT_FOUND).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// Someone else got there first: ALREADY_EXISTS when what was being created now exists, otherwise ABORTED
/// (the thing changed meanwhile; reload and retry).
/// </summary>
public sealed class ConflictException(string message, bool alreadyExists = false) : Exception(message)
{
    public bool AlreadyExists { get; } = alreadyExists;
}

/// <summary>Not allowed: PERMISSION_DENIED for a known caller, UNAUTHENTICATED for an anonymous one.</summary>
public sealed class PermissionDeniedException(string message, bool anonymous = false) : Exception(message)
{
    public bool Anonymous { get; } = anonymous;
}
