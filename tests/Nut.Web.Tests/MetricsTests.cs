using System.Text.RegularExpressions;
using Nut.Testing;

namespace Nut.Web.Tests;

/// <summary>/metrics in Prometheus's text format, with the series names the NUT exporters' Grafana dashboards query.</summary>
public sealed class MetricsTests
{
    [Theory]
    [InlineData(Impl.Ours)]
    [InlineData(Impl.Debian)]
    public void MetricsHaveTheExportersNamesAndLabels(Impl upsd)
    {
        using var web = new WebStack(upsd, [new StackUps("bessie", TestDevices.SmartUps)]);
        web.WaitForUps("bessie", u => u.GetProperty("reachability").GetString() == "ok", "bessie readable");
        string server = $"127.0.0.1:{web.Nut.Port}";
        string labels = $"ups=\"bessie\",server=\"{server}\"";
        string text = web.GetText("/metrics");

        // DRuggeri's nut_exporter names.
        Assert.Contains($"network_ups_tools_battery_charge{{{labels}}} 100\n", text);
        Assert.Contains($"network_ups_tools_battery_runtime{{{labels}}} 6300\n", text);
        Assert.Contains($"network_ups_tools_ups_load{{{labels}}} 5.2\n", text);
        Assert.Contains($"network_ups_tools_input_voltage{{{labels}}} 226\n", text);
        Assert.Contains($"network_ups_tools_ups_status{{{labels},flag=\"OL\"}} 1\n", text);
        Assert.Contains($"network_ups_tools_ups_status{{{labels},flag=\"OB\"}} 0\n", text);
        Assert.Contains($"network_ups_tools_ups_beeper_status{{{labels}}} 0\n", text); // "disabled"
        Assert.Matches(new Regex($"network_ups_tools_device_info\\{{{Regex.Escape(labels)},.*model=\"Smart-UPS 1000\".*\\}} 1\n"), text);
        Assert.DoesNotContain("network_ups_tools_ups_status{" + labels + ",flag=\"OL\"} 0", text);
        // HON95's prometheus-nut-exporter names (ratios 0-1).
        Assert.Contains($"nut_battery_charge{{{labels}}} 1\n", text);
        Assert.True(text.Contains($"nut_load{{{labels}}} 0.052\n", StringComparison.Ordinal), text);
        Assert.Contains($"nut_battery_runtime_seconds{{{labels}}} 6300\n", text);
        Assert.Contains($"nut_status{{{labels}}} 1\n", text);
        Assert.Contains($"network_ups_tools_up{{{labels},reason=\"\"}} 1\n", text);

        // Well-formed: each family once, HELP and TYPE before its samples, every sample a number.
        var families = new HashSet<string>();
        string? current = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                current = line.Split(' ')[2];
                Assert.True(families.Add(current), "family twice: " + current);
                continue;
            }
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                Assert.Equal($"# TYPE {current} gauge", line);
                continue;
            }
            Assert.Matches(new Regex(@"^[a-zA-Z_][a-zA-Z0-9_]*(\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*\})? -?[0-9.e+-]+$"), line);
            Assert.StartsWith(current + "{", line);
        }

        TestDevices.Set(web.Nut, "bessie", "ups.status", "OB LB");
        web.WaitForUps("bessie", u => u.GetProperty("severity").GetString() == "critical", "low battery");
        text = web.GetText("/metrics");
        Assert.Contains($"network_ups_tools_ups_status{{{labels},flag=\"OB\"}} 1\n", text);
        Assert.Contains($"network_ups_tools_ups_status{{{labels},flag=\"OL\"}} 0\n", text);
        Assert.Contains($"nut_status{{{labels}}} 3\n", text);
    }

    [Fact]
    public void TheApiIsDescribedByAnOpenApiDocument()
    {
        using var web = new WebStack(Impl.Ours, [new StackUps("bessie", TestDevices.SmartUps)]);
        var doc = web.GetJson("/openapi/v1.json");
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var p in new[] { "/api/ups", "/api/ups/{id}", "/api/ups/{id}/history", "/api/ups/{id}/events", "/api/login",
                     "/api/ups/{id}/commands/{command}", "/api/ups/{id}/variables/{name}", "/metrics", "/api/stream" })
            Assert.Contains(p, paths);
        Assert.True(doc.GetProperty("components").GetProperty("schemas").TryGetProperty("UpsSummary", out _));
    }
}
