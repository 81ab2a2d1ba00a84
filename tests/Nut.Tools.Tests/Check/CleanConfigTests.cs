namespace Nut.Tools.Tests.Check;

public class CleanConfigTests
{
    [Fact]
    public void ACorrectConfigurationHasNoFindings()
    {
        using var d = new CheckDir();
        Assert.Empty(d.Check());
    }
}
