namespace NodeOps.Host;

/// <summary>
/// nodeops: a small console host over the PowerShell engine with the NodeOps module preloaded.
///   nodeops -c '...' | -File script.ps1 [args] | (no args: prompt) | -sshs / -s (remoting endpoint for sshd)
/// </summary>
internal static class Program
{
    private const string Usage = """
Usage: nodeops [-NoLogo] [-NoProfile] [-c|-Command <script>] [-File <path> [args...]] [-sshs|-s] [-Version]
  -c, -Command   run script text and exit (exit code 1 on error, or the script's exit N)
  -File          run a script file with arguments
  -sshs, -s      serve PowerShell remoting over stdin/stdout (sshd 'powershell' subsystem)
  (no command)   interactive prompt
""";

    public static int Main(string[] args)
    {
        string? command = null, file = null;
        var fileArgs = new List<string>();
        var server = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i].ToLowerInvariant();
            switch (a)
            {
                case "-c" or "-command" or "--command":
                    command = string.Join(' ', args.Skip(i + 1));
                    i = args.Length;
                    break;
                case "-f" or "-file":
                    if (i + 1 >= args.Length) { Console.Error.WriteLine("-File needs a path."); return 64; }
                    file = Path.GetFullPath(args[i + 1]);
                    fileArgs.AddRange(args.Skip(i + 2));
                    i = args.Length;
                    break;
                case "-sshs" or "-sshservermode" or "-s" or "-servermode":
                    server = true;
                    break;
                case "-nologo" or "-noprofile" or "-noninteractive" or "-nol" or "-nop" or "-noni":
                    break;
                case "-version" or "--version" or "-v":
                    Console.WriteLine($"nodeops {typeof(Program).Assembly.GetName().Version} (PowerShell engine {typeof(System.Management.Automation.PowerShell).Assembly.GetName().Version})");
                    return 0;
                case "-h" or "-help" or "--help" or "-?" or "/?":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'.\n{Usage}");
                    return 64;
            }
        }

        if (server) return SshSubsystemServer.Run();

        var host = new NodeOpsHost();
        using var runner = new ScriptRunner(host, loadModule: true);
        if (command is not null)
        {
            var ok = runner.Invoke(command, null);
            return host.ShouldExit ? host.ExitCode : ok ? 0 : 1;
        }
        if (file is not null)
        {
            if (!File.Exists(file)) { Console.Error.WriteLine($"The script file '{file}' does not exist."); return 64; }
            var ok = runner.Invoke(null, file, args: fileArgs);
            return host.ShouldExit ? host.ExitCode : ok ? 0 : 1;
        }
        return new Repl(host, runner).Run();
    }
}
