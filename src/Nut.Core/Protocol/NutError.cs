namespace Nut.Core.Protocol;

/// <summary>
/// The error tokens of the network protocol (<c>ERR TOKEN</c>), spec/network-protocol.md §5.
/// The first group is what upsd 2.8.x sends; the rest exist in NUT's tables and clients know them.
/// </summary>
public enum NutError
{
    UnknownCommand,
    InvalidArgument,
    UsernameRequired,
    PasswordRequired,
    AccessDenied,
    UnknownUps,
    DriverNotConnected,
    DataStale,
    VarNotSupported,
    CmdNotSupported,
    Readonly,
    TooLong,
    InvalidValue,
    SetFailed,
    InstcmdFailed,
    AlreadyLoggedIn,
    AlreadySetUsername,
    AlreadySetPassword,
    FeatureNotSupported,
    FeatureNotConfigured,
    AlreadySslMode,
    // Defined by NUT but never sent by upsd 2.8.x:
    InvalidUsername,
    InvalidPassword,
    VarUnknown,
    UnknownType,
    UnknownInstcmd,
    MissingArgument,
    PasswordIncorrect,
    UnknownVar,
}

public static class NutErrors
{
    static readonly (NutError Error, string Token, string? ClientText)[] s_table =
    [
        (NutError.UnknownCommand, "UNKNOWN-COMMAND", "Unknown command"),
        (NutError.InvalidArgument, "INVALID-ARGUMENT", null),
        (NutError.UsernameRequired, "USERNAME-REQUIRED", "Username required"),
        (NutError.PasswordRequired, "PASSWORD-REQUIRED", "Password required"),
        (NutError.AccessDenied, "ACCESS-DENIED", "Access denied"),
        (NutError.UnknownUps, "UNKNOWN-UPS", "Unknown UPS"),
        (NutError.DriverNotConnected, "DRIVER-NOT-CONNECTED", "Driver not connected"),
        (NutError.DataStale, "DATA-STALE", "Data stale"),
        (NutError.VarNotSupported, "VAR-NOT-SUPPORTED", "Variable not supported by UPS"),
        (NutError.CmdNotSupported, "CMD-NOT-SUPPORTED", "Instant command not supported"),
        (NutError.Readonly, "READONLY", "Read-only variable"),
        (NutError.TooLong, "TOO-LONG", "New value is too long"),
        (NutError.InvalidValue, "INVALID-VALUE", "Invalid value for variable"),
        (NutError.SetFailed, "SET-FAILED", "Set command failed"),
        (NutError.InstcmdFailed, "INSTCMD-FAILED", "Instant command failed"),
        (NutError.AlreadyLoggedIn, "ALREADY-LOGGED-IN", "Already logged in"),
        (NutError.AlreadySetUsername, "ALREADY-SET-USERNAME", "Already set username"),
        (NutError.AlreadySetPassword, "ALREADY-SET-PASSWORD", "Already set password"),
        (NutError.FeatureNotSupported, "FEATURE-NOT-SUPPORTED", null),
        (NutError.FeatureNotConfigured, "FEATURE-NOT-CONFIGURED", null),
        (NutError.AlreadySslMode, "ALREADY-SSL-MODE", null),
        (NutError.InvalidUsername, "INVALID-USERNAME", "Invalid username"),
        (NutError.InvalidPassword, "INVALID-PASSWORD", "Invalid password"),
        (NutError.VarUnknown, "VAR-UNKNOWN", "Variable unknown"),
        (NutError.UnknownType, "UNKNOWN-TYPE", "Unknown variable type"),
        (NutError.UnknownInstcmd, "UNKNOWN-INSTCMD", "Unknown instant command"),
        (NutError.MissingArgument, "MISSING-ARGUMENT", "Missing argument"),
        (NutError.PasswordIncorrect, "PASSWORD-INCORRECT", "Password incorrect"),
        (NutError.UnknownVar, "UNKNOWN-VAR", "Unknown variable"),
    ];

    /// <summary>The wire token, e.g. <c>VAR-NOT-SUPPORTED</c>.</summary>
    public static string Token(this NutError error) => s_table[(int)error].Token;

    /// <summary>The full reply line without newline: <c>ERR VAR-NOT-SUPPORTED</c>.</summary>
    public static string ReplyLine(this NutError error) => "ERR " + s_table[(int)error].Token;

    /// <summary>
    /// The text NUT's client library prints for an <c>ERR</c> reply (upsc's <c>Error: ...</c>).
    /// libupsclient matches the token by prefix of the text after "ERR "; anything unknown is "Unknown error".
    /// </summary>
    public static string ClientMessage(string textAfterErr)
    {
        foreach (var (_, token, text) in s_table)
            if (text is not null && textAfterErr.StartsWith(token, StringComparison.Ordinal))
                return text;
        return "Unknown error";
    }

    public static bool TryParse(string token, out NutError error)
    {
        foreach (var (e, t, _) in s_table)
            if (t == token)
            {
                error = e;
                return true;
            }
        error = default;
        return false;
    }
}
