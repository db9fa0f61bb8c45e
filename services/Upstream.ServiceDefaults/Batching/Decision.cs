using Upstream.Domain.Refusals;

namespace Upstream.ServiceDefaults.Batching;

/// <summary>
/// One queued request's own answer from its batch: what it was given, or the refusal it alone earned (a duplicate,
/// a limit reached), so one request refused does not fail the others decided with it.
/// </summary>
public sealed class Decision<TAnswer>
{
    private Decision(TAnswer? answer, Exception? refusal) => (Answer, Refusal) = (answer, refusal);

    public TAnswer? Answer { get; }

    public Exception? Refusal { get; }

    public static Decision<TAnswer> Given(TAnswer answer) => new(answer, null);

    public static Decision<TAnswer> Refused(Exception refusal) => new(default, refusal);

    /// <summary>
    /// Decides one request of a batch: its answer, or the shared refusal it earned (bad input, a broken rule, a
    /// conflict). Anything else is not this request's refusal but the batch's failure, and is let through.
    /// </summary>
    public static Decision<TAnswer> Of(Func<TAnswer> decide)
    {
        try
        {
            return Given(decide());
        }
        catch (Exception refusal) when (refusal is InvalidInputException or DomainRuleException or ConflictException or NotFoundException or PermissionDeniedException)
        {
            return Refused(refusal);
        }
    }
}
