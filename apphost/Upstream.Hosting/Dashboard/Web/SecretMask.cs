using System.Text.RegularExpressions;

namespace Upstream.Hosting.Dashboard.Web;

/// <summary>
/// Hides credentials in what the dashboard shows of a process's environment: whole values of variables whose
/// names say secret, and the password parts of connection strings and URLs. The names stay, so an operator can
/// see what a process was given.
/// </summary>
internal static partial class SecretMask
{
    public const string Mask = "••••••";

    public static string Apply(string name, string value)
    {
        if (SecretName().IsMatch(name))
        {
            return Mask;
        }

        var masked = PasswordSetting().Replace(value, m => m.Groups[1].Value + "=" + Mask);
        return UrlPassword().Replace(masked, m => m.Groups[1].Value + ":" + Mask + "@");
    }

    [GeneratedRegex("(PASSWORD|SECRET|TOKEN|KEY|HEADERS|CREDENTIAL)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("(Password|Pwd)=[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordSetting();

    [GeneratedRegex("(://[^:/@\\s]+):[^@\\s]+@")]
    private static partial Regex UrlPassword();
}
