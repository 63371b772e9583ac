// The pool's password rules (GET /auth/password-policy), checked as the person types, with the same
// reading as Cognito and our PasswordPolicy: length in UTF-16 units, Unicode letter cases and digits,
// and Cognito's own list of symbols. Cognito still decides: a refusal comes back as 400 password-policy.

/** The rules of a policy, each with the sentence shown and its test. */
export function rulesOf(policy) {
  const rules = [{
    id: 'length',
    text: `at least ${policy.minimumLength} characters`,
    test: (password) => password.length >= policy.minimumLength,
  }];
  if (policy.requireUppercase) {
    rules.push({id: 'uppercase', text: 'an upper-case letter', test: (password) => /\p{Lu}/u.test(password)});
  }
  if (policy.requireLowercase) {
    rules.push({id: 'lowercase', text: 'a lower-case letter', test: (password) => /\p{Ll}/u.test(password)});
  }
  if (policy.requireNumbers) {
    rules.push({id: 'number', text: 'a digit', test: (password) => /\p{Nd}/u.test(password)});
  }
  if (policy.requireSymbols) {
    rules.push({
      id: 'symbol',
      text: `a symbol, one of ${policy.symbols}`,
      test: (password) => [...password].some((c) => policy.symbols.includes(c)),
    });
  }
  return rules;
}

/** The rules the password does not meet yet, by their sentences. */
export function unmet(rules, password) {
  return rules.filter((rule) => !rule.test(password)).map((rule) => rule.text);
}
