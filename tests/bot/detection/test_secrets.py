"""SecretDetector on the real pattern file: every credential format found and masked, look-alikes left alone."""

from __future__ import annotations

import base64
import json
import random
import shutil
import string
from pathlib import Path

import pytest

from bot.data_files import DataFileError, DataPaths
from bot.detection.secrets import SecretDetector
from bot.settings import DEFAULT_DATA_DIR
from bot.verdict import MessageContext
from bot.vocabulary import Category, Severity

ALNUM = string.ascii_letters + string.digits
BASE64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
CONTEXT = MessageContext(channel="general", channel_size=40)


@pytest.fixture(scope="module")
def detector() -> SecretDetector:
    return SecretDetector.load(DataPaths(DEFAULT_DATA_DIR))


def rand(alphabet: str, length: int, seed: int) -> str:
    """Random-looking but fake values, made at run time: no real or published credential in the tests."""
    generator = random.Random(seed)
    classes = [kind for kind in (str.isdigit, str.isupper, str.islower) if any(kind(c) for c in alphabet)]
    while True:
        value = "".join(generator.choice(alphabet) for _ in range(length))
        # a token uses every character class of its alphabet; retry the rare draw that lacks one
        if all(any(kind(c) for c in value) for kind in classes):
            return value


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def fake_jwt(seed: int) -> str:
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": str(seed * 7919), "name": "Test Person", "iat": 1700000000 + seed}).encode())
    return f"{header}.{payload}.{rand(URLSAFE, 43, seed)}"


def fake_discord_token(seed: int) -> str:
    user_id = str(100000000000000000 + seed * 123456789)
    return f"{b64url(user_id.encode())}.{rand(URLSAFE, 6, seed)}.{rand(URLSAFE, 38, seed + 1)}"


def fake_pem(seed: int) -> str:
    lines = "\n".join(rand(BASE64, 64, seed + i) for i in range(4))
    return f"-----BEGIN RSA PRIVATE KEY-----\n{lines}\n-----END RSA PRIVATE KEY-----"


# (sentence template, secret value, expected rule); {v} marks where the value goes
POSITIVES = [
    ("here are the creds {v}", "AKIA" + rand(string.ascii_uppercase + "234567", 16, 1).upper(), "aws_access_key_id"),
    ("aws secret: {v}", rand(BASE64, 40, 2), "aws_secret_access_key"),
    ("use my token {v} for now", "ghp_" + rand(ALNUM, 36, 3), "github_token"),
    ("oauth one: {v}", "gho_" + rand(ALNUM, 36, 4), "github_token"),
    ("user-to-server {v}", "ghu_" + rand(ALNUM, 36, 5), "github_token"),
    ("server {v}", "ghs_" + rand(ALNUM, 36, 6), "github_token"),
    ("refresh {v}", "ghr_" + rand(ALNUM, 36, 7), "github_token"),
    ("PAT is {v} ok?", "github_pat_" + rand(ALNUM, 22, 8) + "_" + rand(ALNUM, 59, 9), "github_fine_grained_token"),
    ("gitlab: {v}", "glpat-" + rand(URLSAFE, 20, 10), "gitlab_token"),
    ("SLACK_BOT_TOKEN={v}", f"xoxb-{rand(string.digits, 12, 11)}-{rand(string.digits, 13, 12)}-{rand(ALNUM, 24, 13)}",
     "slack_token"),
    ("user token {v}", (f"xoxp-{rand(string.digits, 12, 14)}-{rand(string.digits, 12, 15)}-"
                       f"{rand(string.digits, 13, 16)}-{rand('abcdef0123456789', 32, 17)}"), "slack_token"),
    ("app token {v}", (f"xapp-1-A{rand(string.ascii_uppercase + string.digits, 10, 18)}-"
                      f"{rand(string.digits, 13, 19)}-{rand('abcdef0123456789', 64, 20)}"), "slack_token"),
    ("post to {v}", (f"https://hooks.slack.com/services/T{rand(string.ascii_uppercase, 8, 21)}/"
                    f"B{rand(string.ascii_uppercase, 8, 22)}/{rand(ALNUM, 24, 23)}"), "slack_webhook"),
    ("discord hook {v}", f"https://discord.com/api/webhooks/{rand(string.digits, 18, 24)}/{rand(URLSAFE, 68, 25)}",
     "discord_webhook"),
    ("bot token {v}", fake_discord_token(26), "discord_bot_token"),
    ("stripe live key {v}", "sk_live_" + rand(ALNUM, 24, 27), "stripe_secret_key"),
    ("restricted {v}", "rk_live_" + rand(ALNUM, 24, 28), "stripe_secret_key"),
    ("maps key={v}", "AIza" + rand(URLSAFE, 35, 29), "google_api_key"),
    ("openai {v}", "sk-" + rand(ALNUM, 48, 30), "openai_key"),
    ("project key {v}", "sk-proj-" + rand(URLSAFE, 120, 31), "openai_key"),
    ("claude key {v}", "sk-ant-api03-" + rand(URLSAFE, 93, 32), "anthropic_key"),
    ("Authorization: Bearer {v}", fake_jwt(33), "jwt"),
    ("the deploy key:\n{v}", fake_pem(34), "private_key"),
    ("DATABASE_URL=postgresql://app:{v}@db.internal:5432/orders", rand(ALNUM, 18, 35), "credential_url"),
    ("broker amqp://worker:{v}@mq.internal:5672/", rand(ALNUM, 14, 36), "credential_url"),
    ("api key: {v}", rand("abcdef0123456789", 32, 37), "generic_token"),
    ("the webhook token is {v} (do not share)", rand(ALNUM, 40, 38), "generic_token"),
    ("password: {v}", "Tr0ub4dor&" + rand(ALNUM, 4, 39), "password"),
    ("my password is {v}", "Blue" + rand(string.digits, 4, 40) + "!", "password"),
    ("la mia password è {v}", "Gatto" + rand(string.digits, 4, 41) + "#", "password"),
    ("mi contraseña es {v}", "Perro" + rand(string.digits, 4, 42) + "$", "password"),
    ("mon mot de passe est {v}", "Soleil" + rand(string.digits, 4, 43) + "%", "password"),
    ("mein Passwort ist {v}", "Sommer" + rand(string.digits, 4, 44) + "?", "password"),
    ("mijn wachtwoord is {v}", "Fiets" + rand(string.digits, 4, 45) + "*", "password"),
    ("myn wachtwurd is {v}", "Skip" + rand(string.digits, 4, 46) + "@", "password"),
    ("login admin / {v}", rand(ALNUM, 12, 47) + "%", "login_slash_password"),
    ("//registry.npmjs.org/:_authToken={v}", "npm_" + rand(ALNUM, 36, 48), "npm_token"),
    ("HF_TOKEN={v}", "hf_" + rand(ALNUM, 34, 49), "huggingface_token"),
    ("SENDGRID_API_KEY={v}", f"SG.{rand(URLSAFE, 22, 51)}.{rand(URLSAFE, 43, 52)}", "sendgrid_key"),
    ("telegram bot {v}", f"{rand(string.digits, 10, 53)}:AA{rand(URLSAFE, 33, 54)}", "telegram_bot_token"),
    ("DefaultEndpointsProtocol=https;AccountName=store;AccountKey={v};EndpointSuffix=core.windows.net",
     rand(BASE64, 86, 55) + "==", "azure_storage_key"),
]


@pytest.mark.parametrize(("template", "value", "rule"), POSITIVES, ids=[p[2] + str(i) for i, p in enumerate(POSITIVES)])
def test_each_credential_format_is_found_with_the_exact_span(detector, template, value, rule) -> None:
    text = template.replace("{v}", value)
    findings = detector.detect(text, "en", CONTEXT)
    spans = {(f.rule, text[f.start:f.end]) for f in findings}
    assert any(found_rule == rule and value in span for found_rule, span in spans), spans
    for finding in findings:
        assert finding.category is Category.SECRET
        assert finding.severity is Severity.HIGH
        assert value not in finding.excerpt and value not in finding.message
        assert finding.replacement


@pytest.mark.parametrize("text", [
    "the docs use AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "set api_key = <YOUR_API_KEY> in the config",
    "export TOKEN=${GITHUB_TOKEN}",
    "keys look like sk_live_... in production",
    "SLACK_BOT_TOKEN=xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx",
    "the request id is 0b5c1f9e-8a3d-4c7b-9e2f-6d1a4b8c3e7f",
    "fixed in commit 3f9a6c2d8e1b4a7c9d0e2f4a6b8c1d3e5f7a9b0c",
    "sha256 of the tarball: 9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f",
    "see https://github.com/example-org/infra/pull/1234 and postgres://localhost:5432/orders",
    "behind a proxy: http://user:pass@proxy:3128",
    "publishable key pk_live_" + rand(ALNUM, 24, 50) + " goes in the front end",
    "I forgot my password again",
    "mysql says access denied (using password: YES)",
    "your password is wrong, try again",
    "ho dimenticato la password di nuovo",
    "la contraseña es incorrecta",
    "le mot de passe est dans le coffre",
    "das Passwort ist falsch",
    "het wachtwoord is verlopen",
    "password policy: min 14 chars",
    "password = getpass.getpass()",
    "token: REPLACE_ME",
    "ok so api_key = your-api-key-here",
    "kill -9 the child process and restart the master branch",
])
def test_look_alikes_and_talk_about_passwords_are_left_alone(detector, text) -> None:
    assert detector.detect(text, "en", CONTEXT) == []


def test_two_secrets_in_one_message_are_two_findings_in_order(detector) -> None:
    first, second = "ghp_" + rand(ALNUM, 36, 60), "sk_live_" + rand(ALNUM, 24, 61)
    text = f"old {first} and new {second}"
    findings = detector.detect(text, "en", CONTEXT)
    assert [text[f.start:f.end] for f in findings] == [first, second]


def test_a_specific_format_wins_over_the_generic_token_rule(detector) -> None:
    value = "sk-" + rand(ALNUM, 48, 62)
    findings = detector.detect(f"API_KEY={value}", "en", CONTEXT)
    assert [f.rule for f in findings] == ["openai_key"]


def test_a_broken_pattern_file_names_the_file_and_the_key(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_DATA_DIR / "patterns", tmp_path / "patterns")
    path = tmp_path / "patterns" / "secrets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("(?<![A-Za-z0-9])((?:AKIA", "(?<![A-Za-z0-9])(((?:AKIA", 1),
                    encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        SecretDetector.load(DataPaths(tmp_path))
    assert "secrets.toml" in str(error.value) and "pattern.0.regex" in str(error.value)


@pytest.mark.parametrize("text", [
    "user ubuntu / Xorg.0.log-old is where it crashed",
    "account dave | lastLogin2021!x",
    "pat: /usr/lib/x86_64-linux-gnu/libfoo.so.6 missing",
    "the token is aaaaaaaaaaaaaaaaaaaaaaaaaaaaab12",
])
def test_chat_that_merely_looks_like_credentials_is_left_alone(detector: SecretDetector, text: str) -> None:
    assert detector.detect(text) == []


def test_a_login_word_before_a_user_password_pair_still_finds_it(detector: SecretDetector) -> None:
    assert [f.rule for f in detector.detect("login admin / h7Vq!p2Rx9zL")] == ["login_slash_password"]
