using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain;

/// <summary>An organisation that funds, delivers or researches the programme; Insights offers it feeds.</summary>
public sealed class Partner
{
    public static readonly IReadOnlyList<string> Kinds = ["funder", "delivery-partner", "research-partner"];

    private Partner()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>funder, delivery-partner or research-partner.</summary>
    public string Kind { get; private set; } = "";

    public DateTimeOffset AddedAt { get; private set; }

    public static Partner Add(string name, string kind, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(name), "name", "A partner needs a name.");
        v.Require(Kinds.Contains(kind), "kind", "The kind is one of funder, delivery-partner or research-partner.");
        v.ThrowIfAny();
        return new Partner { Id = Guid.NewGuid(), Name = name.Trim(), Kind = kind, AddedAt = now };
    }
}
