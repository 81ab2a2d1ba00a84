using Nut.Drivers.Generic;
using Nut.Testing;

namespace Nut.Drivers.Tests.Generic;

/// <summary>
/// Lets Debian's own genericups run on fake modem lines: an LD_PRELOAD library (built here with gcc) answers its
/// TIOCMGET / TIOCMSET ioctls and tcsendbreak (recording the duration it was given) from the same two files our driver's test hook uses
/// (<see cref="FileModemLines"/>), so both drivers can be compared on the same simulated cable.
/// </summary>
static class FakeLinesShim
{
    static readonly Lazy<string> Built = new(Build);
    static readonly TempDir Dir = new("fakelines");

    static FakeLinesShim() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Dir.Dispose();

    /// <summary>Path of the compiled library.</summary>
    public static string Library => Built.Value;

    /// <summary>The environment that puts a driver on the fake lines in <paramref name="linesFile"/> (Debian's
    /// through the preloaded library, ours through its own test hook).</summary>
    public static Dictionary<string, string> Environment(string linesFile, string stateDir, bool debian)
    {
        var env = new Dictionary<string, string>
        {
            [FileModemLines.EnvironmentVariable] = linesFile,
            ["NUT_STATEPATH"] = stateDir,
            ["NUT_ALTPIDPATH"] = stateDir,
            ["NUT_CONFPATH"] = stateDir,
        };
        if (debian)
            env["LD_PRELOAD"] = Library;
        return env;
    }

    static string Build()
    {
        string source = Dir.Write("fakelines.c", Source);
        string library = Dir["fakelines.so"];
        var r = Proc.Run("gcc", ["-shared", "-fPIC", "-O1", "-o", library, source, "-ldl"], timeout: TimeSpan.FromSeconds(60));
        if (r.ExitCode != 0)
            throw new InvalidOperationException("cannot build the fake-lines library (gcc): " + r);
        return library;
    }

    const string Source = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <errno.h>
        #include <stdarg.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/ioctl.h>
        #include <termios.h>
        static const char *path(void) { return getenv("NUTSHARP_GENERICUPS_FAKE_LINES"); }
        static FILE *out_file(void) {
        	char out[4096];
        	snprintf(out, sizeof out, "%s.out", path());
        	return fopen(out, "a");
        }
        static void record(const char *what, int bits) {
        	FILE *f = out_file();
        	if (!f) return;
        	fprintf(f, "%s%s%s%s\n", what, (bits & TIOCM_DTR) ? " DTR" : "", (bits & TIOCM_RTS) ? " RTS" : "", (bits & TIOCM_ST) ? " ST" : "");
        	fclose(f);
        }
        int ioctl(int fd, unsigned long req, ...) {
        	va_list ap; void *arg; static int (*real)(int, unsigned long, void *);
        	va_start(ap, req); arg = va_arg(ap, void *); va_end(ap);
        	if (path() && req == TIOCMSET) { record("SET", *(int *)arg); return 0; }
        	if (path() && req == TIOCMGET) {
        		char w[64]; int bits = 0; FILE *f = fopen(path(), "r");
        		if (!f) { errno = EIO; return -1; }
        		while (fscanf(f, "%63s", w) == 1) {
        			if (!strcmp(w, "CTS")) bits |= TIOCM_CTS;
        			else if (!strcmp(w, "DCD")) bits |= TIOCM_CAR;
        			else if (!strcmp(w, "RNG")) bits |= TIOCM_RNG;
        			else if (!strcmp(w, "DSR")) bits |= TIOCM_DSR;
        		}
        		fclose(f); *(int *)arg = bits; return 0;
        	}
        	if (!real) real = (int (*)(int, unsigned long, void *))dlsym(RTLD_NEXT, "ioctl");
        	return real(fd, req, arg);
        }
        int tcsendbreak(int fd, int duration) {
        	static int (*real)(int, int);
        	/* the duration as the driver passed it: a pty carries no break, so its length cannot be timed */
        	if (path()) { FILE *f = out_file(); if (f) { fprintf(f, "BREAK %d\n", duration); fclose(f); } return 0; }
        	if (!real) real = (int (*)(int, int))dlsym(RTLD_NEXT, "tcsendbreak");
        	return real(fd, duration);
        }
        """;
}
