using System.Runtime.InteropServices;

namespace Nut.Testing;

public static partial class Posix
{
    public const int SIGHUP = 1, SIGKILL = 9, SIGUSR1 = 10, SIGTERM = 15, SIGCONT = 18, SIGSTOP = 19;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
