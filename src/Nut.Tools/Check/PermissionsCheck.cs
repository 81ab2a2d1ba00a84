using Nut.Core.Config;

namespace Nut.Tools.Check;

/// <summary>Files with passwords that everyone may read: NUT's upsd warns about upsd.conf and upsd.users, and
/// upsmon.conf holds the MONITOR passwords. (A file nobody can read is reported when it is loaded.)</summary>
public sealed class PermissionsCheck : IConfigCheck
{
    static readonly string[] Secret = ["upsd.conf", "upsd.users", "upsmon.conf"];

    public void Run(CheckContext c)
    {
        foreach (var name in Secret)
        {
            string path = c.PathOf(name);
            if (File.Exists(path) && ConfigFile.IsWorldReadable(path))
                c.Warn(path, 0, $"is world readable (NUT warns \"{path} is world readable\"): every user can read the passwords in it; chmod 640 {path} (owner root, group nut)");
        }
    }
}
