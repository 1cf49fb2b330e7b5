namespace NodeOps.Core.Documents;

/// <summary>Resolves <c>{{ param:/name }}</c> / <c>{{ ssm:/name:3 }}</c> / <c>{{ ssm-secure:/name }}</c> on the controller at invoke time.</summary>
public interface IParameterReferenceResolver
{
    /// <param name="selector">The name with an optional :version or :label.</param>
    /// <param name="secureRequired">True for ssm-secure:, which must name a SecureString.</param>
    (string Text, bool Secret) Resolve(string selector, bool secureRequired);
}
