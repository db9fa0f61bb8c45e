using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Upstream.Cli.Output;

/// <summary>Results as a table for people, or as JSON (the protos' own JSON mapping) for scripts.</summary>
public static class Render
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatEnumsAsIntegers(false));

    /// <summary>Raw text, never wrapped or marked up (JSON and CSV must reach a script byte for byte).</summary>
    public static void Raw(this CliConsole console, string text) => console.Out.Profile.Out.Writer.WriteLine(text);

    public static void Json(this CliConsole console, IEnumerable<IMessage> messages) =>
        console.Raw("[" + string.Join(",", messages.Select(m => Formatter.Format(m))) + "]");

    public static void Json(this CliConsole console, IMessage message) => console.Raw(Formatter.Format(message));

    public static void Table<T>(this CliConsole console, IEnumerable<T> rows, params (string Header, Func<T, string> Cell)[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, _) in columns)
        {
            table.AddColumn(new TableColumn(header));
        }

        foreach (var row in rows)
        {
            table.AddRow(columns.Select(c => (IRenderable)new Text(c.Cell(row))).ToArray());
        }

        console.Out.Write(table);
    }

    /// <summary>Money as staff read it: pounds with pence, from integer pence.</summary>
    public static string Pounds(long pence) => (pence / 100m).ToString("£#,##0.00", CultureInfo.InvariantCulture);

    public static string Time(Timestamp? at) => at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>CALL_STATE_UNDER_REVIEW (UnderReview in C#) reads "under review".</summary>
    public static string Words<TEnum>(TEnum value)
        where TEnum : struct, System.Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString())).ToLowerInvariant();
}
