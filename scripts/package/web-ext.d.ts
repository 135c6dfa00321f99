// web-ext ships no types; these are the two commands the packaging uses, as its lib/cmd/*.js take them.
declare module 'web-ext' {
  interface BuildParams {
    sourceDir: string;
    artifactsDir: string;
    filename?: string;
    overwriteDest?: boolean;
    ignoreFiles?: string[];
  }
  interface LintParams {
    sourceDir: string;
    output?: 'text' | 'json' | 'none';
    selfHosted?: boolean;
    warningsAsErrors?: boolean;
  }
  const webExt: {
    cmd: {
      build(
        params: BuildParams,
        options?: { showReadyMessage?: boolean },
      ): Promise<{ extensionPath: string }>;
      lint(params: LintParams, options?: { shouldExitProgram?: boolean }): Promise<unknown>;
    };
  };
  export default webExt;
}
