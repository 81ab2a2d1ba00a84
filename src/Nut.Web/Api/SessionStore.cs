using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Nut.Web.Api;

/// <summary>A browser login: who, with what password (kept here, never sent back to the browser), until when.</summary>
public sealed class Session(string user, string password)
{
    public string User { get; } = user;
    public string Password { get; } = password;
    public DateTimeOffset LastUsed { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// Browser logins. The browser holds only a random token in an HttpOnly, SameSite=Strict cookie; the user name
/// and password it was checked with stay in this process's memory, so every command can be sent to upsd with
/// them and upsd keeps deciding who may do what. A session unused for the idle time is gone.
/// </summary>
public sealed class SessionStore(TimeSpan idle)
{
    public const string CookieName = "upsweb_session";

    readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public string Create(string user, string password)
    {
        Sweep();
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _sessions[token] = new Session(user, password);
        return token;
    }

    public Session? Find(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var token) || token is null || !_sessions.TryGetValue(token, out var session))
            return null;
        var now = DateTimeOffset.UtcNow;
        if (now - session.LastUsed > idle)
        {
            _sessions.TryRemove(token, out _);
            return null;
        }
        session.LastUsed = now;
        return session;
    }

    public void End(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(CookieName, out var token) && token is not null)
            _sessions.TryRemove(token, out _);
        http.Response.Cookies.Delete(CookieName);
    }

    public void SetCookie(HttpContext http, string token) =>
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
        });

    void Sweep()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (token, session) in _sessions)
            if (now - session.LastUsed > idle)
                _sessions.TryRemove(token, out _);
    }
}
