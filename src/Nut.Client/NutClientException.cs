using Nut.Core.Protocol;

namespace Nut.Client;

/// <summary>
/// A failed conversation with upsd. <see cref="Message"/> is the text NUT's client library prints
/// (e.g. "Variable not supported by UPS", "Connection failure: Connection refused").
/// </summary>
public sealed class NutClientException : Exception
{
    public NutClientException(string message, string? errToken = null) : base(message) => ErrToken = errToken;

    /// <summary>The server's ERR token (e.g. VAR-NOT-SUPPORTED), when the server answered ERR.</summary>
    public string? ErrToken { get; }

    public NutError? Error => ErrToken is not null && NutErrors.TryParse(ErrToken, out var e) ? e : null;

    public static NutClientException FromErrLine(string line)
    {
        string rest = line.Length > 4 ? line[4..] : "";
        string token = rest.Split(' ', 2)[0];
        return new NutClientException(NutErrors.ClientMessage(rest), token);
    }
}
