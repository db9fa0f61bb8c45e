using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Upstream.Domain.Registry;

/// <summary>
/// The UK local authority registry (mySociety, CC-BY-4.0), loaded once from the copy shipped in this assembly.
/// It decides who may lead an application and gives each council its region.
/// </summary>
public sealed class LocalAuthorityRegistry
{
    private readonly Dictionary<string, LocalAuthority> _byCode;

    private LocalAuthorityRegistry(IEnumerable<LocalAuthority> authorities) =>
        _byCode = authorities.ToDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase);

    public static LocalAuthorityRegistry Shipped { get; } = Load();

    public IReadOnlyCollection<LocalAuthority> All => _byCode.Values;

    public LocalAuthority? Find(string code) => _byCode.GetValueOrDefault(code.Trim());

    private static LocalAuthorityRegistry Load()
    {
        using var stream = typeof(LocalAuthorityRegistry).Assembly.GetManifestResourceStream("registry/uk_local_authorities.csv")
            ?? throw new InvalidOperationException("The local authority registry is missing from the assembly.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var authorities = new List<LocalAuthority>();
        while (csv.Read())
        {
            authorities.Add(new LocalAuthority(
                csv.GetField("local-authority-code")!,
                csv.GetField("official-name")!,
                csv.GetField("nice-name")!,
                csv.GetField("gss-code")!,
                Date(csv.GetField("start-date")),
                Date(csv.GetField("end-date")),
                csv.GetField("nation")!,
                NullIfEmpty(csv.GetField("region")),
                csv.GetField("local-authority-type")!,
                csv.GetField("local-authority-type-name")!,
                Number(csv.GetField("lat")),
                Number(csv.GetField("long"))));
        }

        return new LocalAuthorityRegistry(authorities);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateOnly? Date(string? value) => NullIfEmpty(value) is { } v ? DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static double? Number(string? value) => NullIfEmpty(value) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;
}
