namespace Nut.Tools.Clients;

/// <summary>Asking for a user name and password when they were not given, as upscmd and upsrw do.</summary>
internal static class Credentials
{
    /// <summary>"Username (&lt;login&gt;): " on stdout; an empty answer means the login name.</summary>
    public static string AskUser()
    {
        string login = Environment.UserName;
        Console.Out.Write($"Username ({login}): ");
        Console.Out.Flush();
        string? line = Console.In.ReadLine();
        return string.IsNullOrEmpty(line) ? login : line;
    }

    /// <summary>
    /// "Password: " with echo off when stdin is a terminal, as getpass(3) does. Like glibc without a usable
    /// terminal, the prompt goes to stderr and the answer is read from stdin.
    /// </summary>
    public static string AskPassword()
    {
        Console.Error.Write("Password: ");
        Console.Error.Flush();
        if (!Console.IsInputRedirected)
        {
            var sb = new System.Text.StringBuilder();
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter) break;
                if (key.Key == ConsoleKey.Backspace) { if (sb.Length > 0) sb.Length--; continue; }
                sb.Append(key.KeyChar);
            }
            Console.Error.Write("\n");
            return sb.ToString();
        }
        return Console.In.ReadLine() ?? "";
    }
}
