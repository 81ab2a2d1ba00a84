using Nut.Fuzz;

// Usage: Nut.Fuzz TARGET            fuzz TARGET under afl-fuzz (input on stdin, persistent mode)
//        Nut.Fuzz TARGET FILE...    run TARGET once per file, in-process (reproduce a crash with a stack trace)
//        Nut.Fuzz --list            the target names
if (args.Length == 0 || args[0] == "--list")
{
    foreach (var name in FuzzTargets.All.Keys)
        Console.WriteLine(name);
    return args.Length == 0 ? 2 : 0;
}
if (!FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"Nut.Fuzz: unknown target '{args[0]}' (try --list)");
    return 2;
}
if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
        target(File.ReadAllBytes(file));
    return 0;
}
// Under afl-fuzz nobody reads the parsers' log lines, and writing them costs most of an execution.
Console.SetError(TextWriter.Null);
SharpFuzz.Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;
