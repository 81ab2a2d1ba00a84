namespace Nut.Core.Config;

/// <summary>A problem found in a configuration file: where it is and what was expected.
/// Printed as <c>file:line: message</c>, which editors and the config checker understand.</summary>
public sealed record ConfigDiagnostic(string File, int Line, string Message, bool IsError = false)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>A configuration problem the program cannot run with (a missing file, a fatal directive).</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message) : base(message) { }

    public ConfigException(ConfigDiagnostic diagnostic) : base(diagnostic.ToString()) => Diagnostic = diagnostic;

    public ConfigDiagnostic? Diagnostic { get; }
}
