using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace NodeOps.Loader;

/// <summary>
/// Loads NodeOps.Core and its libraries (LiteDB, YamlDotNet, Cronos, Ical.Net, NodaTime) from the module's dependencies/ folder
/// into a private load context, so another module's copy of the same libraries never clashes with ours.
/// The engine (System.Management.Automation) is still shared from the default context.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    public DependencyLoadContext(string folder) : base("NodeOps.Dependencies", isCollectible: false) => _folder = folder;

    protected override Assembly? Load(AssemblyName name)
    {
        var path = Path.Combine(_folder, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}

/// <summary>
/// Hooks the default context so that the first use of NodeOps.Core goes to the private context. This
/// assembly is a NestedModule of the manifest: the engine imports it before NodeOps.dll, whose cmdlet
/// types (parameters of Core types) can only be inspected once the hook is in place.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string DependencyFolder = Path.Combine(Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location)!, "dependencies");
    private static readonly Lazy<DependencyLoadContext> Context = new(() => new DependencyLoadContext(DependencyFolder));
    private static int _hooked;

    public void OnImport() => Hook();

    public void OnRemove(PSModuleInfo psModuleInfo) { }

    internal static void Hook()
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext _, AssemblyName name)
    {
        // Only our own core library is redirected; its dependencies resolve inside the private context.
        if (name.Name != "NodeOps.Core") return null;
        var path = Path.Combine(DependencyFolder, name.Name + ".dll");
        return File.Exists(path) ? Context.Value.LoadFromAssemblyPath(path) : null;
    }
}
