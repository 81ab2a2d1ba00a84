using System.Globalization;
using System.Text;

namespace Nut.Drivers.Snmp;

/// <summary>Fills the "%i" holes of a mapping's template names and OIDs, left to right, as C's printf would.</summary>
public static class SnmpTemplate
{
    public static bool IsTemplate(string? s) => s is not null && s.Contains('%');

    public static int Holes(string? s)
    {
        int n = 0;
        for (int i = 0; s is not null && (i = s.IndexOf('%', i)) >= 0; i++)
            n++;
        return n;
    }

    public static string Fill(string template, params int[] values)
    {
        var sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] == '%' && i + 1 < template.Length && template[i + 1] is 'i' or 'd')
            {
                sb.Append((next < values.Length ? values[next++] : 0).ToString(CultureInfo.InvariantCulture));
                i++;
            }
            else
            {
                sb.Append(template[i]);
            }
        }
        return sb.ToString();
    }
}
