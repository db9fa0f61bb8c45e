using System.Globalization;

namespace Upstream.Grants.Domain;

/// <summary>Pence as people read them in messages: "£12,500.00".</summary>
public static class Money
{
    public static string Describe(long pence) => (pence / 100m).ToString("C2", CultureInfo.GetCultureInfo("en-GB"));
}
