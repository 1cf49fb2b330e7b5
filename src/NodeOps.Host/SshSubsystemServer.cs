using System.Reflection;

namespace NodeOps.Host;

/// <summary>
/// Serves PowerShell remoting over stdin/stdout as the sshd "powershell" subsystem, through the same
/// internal entry pwsh uses for -sshs (StdIOProcessMediator.Run, not public in the engine package).
/// </summary>
internal static class SshSubsystemServer
{
    public static int Run()
    {
        var mediator = typeof(System.Management.Automation.PowerShell).Assembly
            .GetType("System.Management.Automation.Remoting.Server.StdIOProcessMediator", throwOnError: true)!;
        var run = mediator.GetMethod("Run", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic,
            new[] { typeof(string), typeof(string), typeof(string), typeof(string), typeof(bool) })
            ?? throw new MissingMethodException("StdIOProcessMediator.Run(string, string, string, string, bool)");
        // initialCommand runs in each session's runspace before the client's first command.
        run.Invoke(null, new object?[] { SessionFunctions.Script, null, null, null, true });
        return 0;
    }
}
