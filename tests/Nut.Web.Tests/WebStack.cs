using System.Net.Http.Json;
using System.Text.Json;
using Nut.Testing;

namespace Nut.Web.Tests;

/// <summary>
/// A NUT stack (our upsd or Debian's, dummy-ups drivers) with our upsweb process watching it, on free ports.
/// The upsweb is the real executable (NUTSHARP_BIN), as users run it. Dispose stops everything.
/// </summary>
public sealed class WebStack : IDisposable
{
    public NutStack Nut { get; }
    public Daemon Web { get; }
    public int WebPort { get; }
    public HttpClient Http { get; }
    public string BaseUrl => $"http://127.0.0.1:{WebPort}";

    /// <param name="upsd">Whose upsd serves the UPSes.</param>
    /// <param name="upses">UPS name and data file (a .dev or .seq under the stack's directory or absolute).</param>
    /// <param name="watch">What upsweb watches (default: every UPS of the stack, one --ups each); "{port}" is the stack's upsd port.</param>
    /// <param name="extraArgs">More upsweb arguments (e.g. --mqtt).</param>
    public WebStack(Impl upsd, IReadOnlyList<StackUps> upses, IEnumerable<string>? watch = null, IEnumerable<string>? extraArgs = null,
        string? historyFile = null)
    {
        Nut = new NutStack(upsd, Impl.Ours, upses).Start();
        WebPort = FreePort.Next();
        var args = new List<string> { "--listen", $"127.0.0.1:{WebPort}", "--poll", "0.2", "--history", historyFile ?? "none" };
        foreach (var w in watch ?? upses.Select(u => $"{u.Name}@127.0.0.1:{Nut.Port}"))
            args.AddRange(["--ups", w.Replace("{port}", Nut.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        args.AddRange(extraArgs ?? []);
        Web = Proc.Start(Paths.Ours("upsweb"), args, Nut.Env, Nut.Dir.FullPath);
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Web.WaitUntil(() => Web.Output.Contains("Listening on", StringComparison.Ordinal), "upsweb listening", 30);
    }

    public string Id(string ups) => $"{ups}@127.0.0.1:{Nut.Port}";

    public JsonElement GetJson(string path)
    {
        using var response = Http.GetAsync(path).GetAwaiter().GetResult();
        string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Any request, with an optional JSON body; the status and the body, whatever they are.</summary>
    public (System.Net.HttpStatusCode Status, string Body) Send(HttpMethod method, string path, string? json = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = (client ?? Http).SendAsync(request).GetAwaiter().GetResult();
        return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    public string GetText(string path) => Http.GetStringAsync(path).GetAwaiter().GetResult();

    /// <summary>Waits until the UPS's summary satisfies <paramref name="condition"/>; returns it.</summary>
    public JsonElement WaitForUps(string ups, Func<JsonElement, bool> condition, string what, double seconds = 20)
    {
        JsonElement last = default;
        Web.WaitUntil(() =>
        {
            var list = GetJson("/api/ups");
            foreach (var u in list.EnumerateArray())
                if (u.GetProperty("name").GetString() == ups && condition(u))
                {
                    last = u;
                    return true;
                }
            return false;
        }, what + "\n" + Web.Output, seconds);
        return last;
    }

    public void Dispose()
    {
        Http.Dispose();
        Web.Dispose();
        Nut.Dispose();
    }
}
