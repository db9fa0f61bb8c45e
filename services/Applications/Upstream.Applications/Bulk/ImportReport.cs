namespace Upstream.Applications.Bulk;

/// <summary>The outcome of an import: everything imported, or nothing and every row's problems.</summary>
public sealed record ImportReport(bool Imported, IReadOnlyList<Guid> ApplicationIds, IReadOnlyList<RowProblem> Problems);

public sealed record RowProblem(int Line, string CouncilCode, string Field, string Description);
