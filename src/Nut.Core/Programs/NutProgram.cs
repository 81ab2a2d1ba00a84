namespace Nut.Core.Programs;

/// <summary>
/// One program of the multi-call executable: the NUT name it answers to (upsd, upsc, dummy-ups, ...)
/// and its entry point. Each library lists its programs in a static <c>Programs.All</c>;
/// <c>src/nut</c> only dispatches on the name it was called by.
/// </summary>
public sealed record NutProgram(string Name, Func<string[], int> Run, string Summary);
