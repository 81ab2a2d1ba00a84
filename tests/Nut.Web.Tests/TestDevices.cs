using Nut.Testing;

namespace Nut.Web.Tests;

/// <summary>Real device dumps the web tests serve through dummy-ups.</summary>
public static class TestDevices
{
    /// <summary>An APC Smart-UPS 1000 on usbhid-ups: charge, runtime, load, both voltages, battery temperature.</summary>
    public static string SmartUps => Path.Combine(Paths.TestData, "ddl", "APC", "APC__Smart-UPS_1000__usbhid-ups__2.6.0__01.dev");

    /// <summary>An APC Back-UPS BR 800 (no device.* variables: an old driver's dump).</summary>
    public static string BackUps => Path.Combine(Paths.TestData, "ddl", "APC", "APC__Back-UPS_BR_800__newhidups__2.0.3__01.dev");

    /// <summary>Logs in to upsd as the stacks' admin and sets a variable (dummy-ups takes any SET).</summary>
    public static void Set(NutStack stack, string ups, string variable, string value)
    {
        using var c = stack.Connect();
        Assert.Equal("OK", c.Request("USERNAME admin"));
        Assert.Equal("OK", c.Request("PASSWORD mypass"));
        Assert.Equal("OK", c.Request($"SET VAR {ups} {variable} \"{value}\""));
    }

    public static string Get(NutStack stack, string ups, string variable)
    {
        using var c = stack.Connect();
        return c.Request($"GET VAR {ups} {variable}");
    }
}
