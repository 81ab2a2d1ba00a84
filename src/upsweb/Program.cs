namespace NutSharp.Upsweb;

/// <summary>upsweb's executable (see upsweb.csproj for why it is not part of the multi-call binary).</summary>
public static class Program
{
    public static int Main(string[] args) => Nut.Web.UpswebProgram.Run(args);
}
