using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Nut.Web.Api;

/// <summary>
/// The dashboard's files, compiled into the binary (wwwroot/ as embedded resources): served with an ETag so a
/// browser revalidates cheaply, and nothing is fetched from anywhere else (no CDN; these machines are often
/// on isolated networks).
/// </summary>
public static class StaticAssets
{
    sealed record Asset(byte[] Content, string ContentType, string ETag);

    static readonly FrozenDictionary<string, Asset> Assets = Load();

    static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("wwwroot/", StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            byte[] content = ms.ToArray();
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            assets["/" + resource["wwwroot/".Length..]] = new Asset(content, ContentTypeOf(resource), etag);
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".json" => "application/json",
        ".png" => "image/png",
        ".webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    };

    public static IReadOnlyCollection<string> Paths => Assets.Keys;

    public static void Map(WebApplication app)
    {
        foreach (var path in Assets.Keys)
        {
            var asset = Assets[path];
            app.MapGet(path, (HttpContext http) => Serve(http, asset)).ExcludeFromDescription();
        }
        // The page of one UPS is the same document: the script reads the address.
        if (Assets.TryGetValue("/index.html", out var index))
        {
            app.MapGet("/", (HttpContext http) => Serve(http, index)).ExcludeFromDescription();
            app.MapGet("/ups/{**rest}", (HttpContext http) => Serve(http, index)).ExcludeFromDescription();
        }
    }

    static IResult Serve(HttpContext http, Asset asset)
    {
        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
