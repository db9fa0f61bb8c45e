using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Upstream.Applications.Domain;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Bulk;

/// <summary>
/// The CSV staff import and export: one application per row, lists separated by ';'. Reading never throws on
/// bad content; each row yields either a draft or the problems with it, so a whole file can be reported at once.
/// </summary>
public static class ApplicationCsv
{
    public static readonly string[] ImportColumns =
    [
        "lead_council_code", "title", "summary", "upstream_problem", "service_area", "stage", "approved_by", "approved_on",
        "budget_pence", "resources_assigned", "area_characters", "contact1_name", "contact1_role", "contact1_email",
        "contact2_name", "contact2_role", "contact2_email", "partners",
    ];

    private static readonly string[] ExportColumns = ["id", "state", "lead_council_name", "region", "submitted_at", "ineligibility_reasons"];

    public static IReadOnlyList<CsvRow> Read(TextReader text)
    {
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, MissingFieldFound = null, BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader())
        {
            return [new CsvRow(1, "", null, [new FieldViolation("header", "The file is empty.")])];
        }

        var missing = ImportColumns.Except(csv.HeaderRecord!, StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count > 0)
        {
            return [new CsvRow(1, "", null, [new FieldViolation("header", $"Missing columns: {string.Join(", ", missing)}.")])];
        }

        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            rows.Add(ReadRow(csv));
        }

        return rows;
    }

    private static CsvRow ReadRow(CsvReader csv)
    {
        var line = csv.Parser.RawRow;
        string Field(string name) => csv.GetField(name) ?? "";
        var v = new Violations();

        var stageKnown = Enum.TryParse<InitiativeStage>(Field("stage"), ignoreCase: true, out var stage) && Enum.IsDefined(stage);
        v.Require(stageKnown, "stage", "Stage is idea, early or active.");

        InternalApproval? approval = null;
        if (Field("approved_by").Length > 0 || Field("approved_on").Length > 0)
        {
            var dated = DateOnly.TryParseExact(Field("approved_on"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on);
            v.Require(dated, "approved_on", "Approval date is yyyy-mm-dd.");
            v.Require(Field("approved_by").Length > 0, "approved_by", "Say who approved.");
            approval = dated ? new InternalApproval(Field("approved_by"), on) : null;
        }

        long? budget = null;
        if (Field("budget_pence").Length > 0)
        {
            var ok = long.TryParse(Field("budget_pence"), NumberStyles.None, CultureInfo.InvariantCulture, out var pence);
            v.Require(ok, "budget_pence", "Budget is a whole number of pence.");
            budget = ok ? pence : null;
        }

        var characters = AreaCharacter.None;
        foreach (var name in Split(Field("area_characters")))
        {
            var known = Enum.TryParse<AreaCharacter>(name, ignoreCase: true, out var c) && c is AreaCharacter.Urban or AreaCharacter.Rural or AreaCharacter.Coastal;
            v.Require(known, "area_characters", $"'{name}' is not urban, rural or coastal.");
            characters |= known ? c : AreaCharacter.None;
        }

        var contacts = new[] { 1, 2 }
            .Where(i => Field($"contact{i}_name").Length > 0 || Field($"contact{i}_email").Length > 0)
            .Select(i => new Contact(Field($"contact{i}_name"), Field($"contact{i}_role"), Field($"contact{i}_email")))
            .ToList();
        var draft = new ApplicationDraft(
            new Initiative(Field("title"), Field("summary"), Field("upstream_problem"), Field("service_area"), stage, approval, budget, Field("resources_assigned"), characters),
            contacts,
            [.. Split(Field("partners"))]);
        return new CsvRow(line, Field("lead_council_code"), v.Items.Count == 0 ? draft : null, v.Items);
    }

    private static IEnumerable<string> Split(string list) => list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void Write(TextWriter text, IEnumerable<Application> applications)
    {
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in ExportColumns.Concat(ImportColumns))
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var a in applications)
        {
            var i = a.Initiative;
            Contact? Contact(int n) => a.Contacts.Count > n ? a.Contacts[n] : null;
            string[] fields =
            [
                a.Id.ToString(), a.State.ToString().ToLowerInvariant(), a.LeadCouncilName, a.Region,
                a.SubmittedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "", string.Join("; ", a.IneligibilityReasons),
                a.LeadCouncilCode, i.Title, i.Summary, i.UpstreamProblem, i.ServiceArea, i.Stage.ToString().ToLowerInvariant(),
                i.Approval?.ApprovedBy ?? "", i.Approval?.ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                i.BudgetPence?.ToString(CultureInfo.InvariantCulture) ?? "", i.ResourcesAssigned,
                string.Join(";", new[] { AreaCharacter.Urban, AreaCharacter.Rural, AreaCharacter.Coastal }.Where(c => i.Characters.HasFlag(c)).Select(c => c.ToString().ToLowerInvariant())),
                Contact(0)?.Name ?? "", Contact(0)?.Role ?? "", Contact(0)?.Email ?? "",
                Contact(1)?.Name ?? "", Contact(1)?.Role ?? "", Contact(1)?.Email ?? "",
                string.Join(";", a.Partners),
            ];
            foreach (var field in fields)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }
    }
}

/// <summary>One data row: its line in the file, the council it names, and either a draft or what is wrong.</summary>
public sealed record CsvRow(int Line, string CouncilCode, ApplicationDraft? Draft, IReadOnlyList<FieldViolation> Problems);
