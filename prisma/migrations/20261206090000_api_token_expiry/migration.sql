-- API tokens may expire (createApiToken's expiresInDays); existing tokens keep no expiry.
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
