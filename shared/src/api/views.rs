//! Response bodies: what the API answers besides the domain's own records — errors, pages of a
//! list, accounts and tokens, a project as its reader may see it, and a provider's eligibility.

use super::errors::Message;
use super::password::SecretText;
use crate::ids::{AccountId, OrganisationId};
use crate::locale::Explain;
use crate::organisation::Organisation;
use crate::project::{Project, Role};
use crate::text::Email;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every error the API answers: a machine `code`, a `message` in the reader's language (by
/// Accept-Language), the messages of each bad field in that language, and the request id to
/// quote when asking for help.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    pub fields: BTreeMap<String, Vec<String>>,
    pub request_id: String,
}

/// One page of a list; `next` is the opaque cursor of the following page, `None` on the last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// An account as its holder sees it (supervisors belong to no organisation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub id: AccountId,
    pub email: Email,
    pub role: Role,
    pub organisation: Option<OrganisationId>,
}

/// The answer to logging in or refreshing: a short-lived access token (`expires_in` seconds),
/// the refresh token to get the next, and whose they are. The tokens are redacted in `Debug`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: SecretText,
    pub refresh_token: SecretText,
    pub expires_in: u32,
    pub account: AccountView,
}

/// A project as its reader may see it: while `quotes_sealed`, the quotes the reader may not
/// read have been left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectView {
    pub project: Project,
    pub quotes_sealed: bool,
}

/// Whether a provider may quote on a project, and if not every reason why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eligibility {
    pub may_quote: bool,
    pub reasons: Vec<Message>,
}

impl Eligibility {
    /// Eligible exactly when there is no reason against it.
    pub fn new<E: Explain>(reasons: &[E]) -> Self {
        Self { may_quote: reasons.is_empty(), reasons: reasons.iter().map(Message::from).collect() }
    }
}

/// The id of what a request created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Created {
    pub id: String,
}

/// The signed-in account as its holder sees it, with its organisation (`None` for supervisors,
/// who belong to none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeView {
    pub account: AccountView,
    pub organisation: Option<Organisation>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::errors::FieldErrors;
    use crate::api::errors::FormError;
    use crate::locale::Locale;
    use crate::project::RuleViolation;
    use serde_json::json;
    use uuid::Uuid;

    #[test]
    fn error_bodies_carry_the_fields_in_the_readers_language() {
        let mut fields = FieldErrors::new();
        fields.add("price", &RuleViolation::PriceNotPositive);
        fields.add("title", &FormError::Required);
        let body = ErrorBody {
            code: "invalid".into(),
            message: "请更正标出的字段".into(),
            fields: fields.render(Locale::Zh),
            request_id: "req-1".into(),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({
                "code": "invalid",
                "message": "请更正标出的字段",
                "fields": {"price": ["报价必须大于零"], "title": ["此项必填"]},
                "request_id": "req-1",
            })
        );
    }

    #[test]
    fn tokens_travel_but_are_redacted_in_debug() {
        let response = TokenResponse {
            access_token: "access.jwt".into(),
            refresh_token: "refresh-secret".into(),
            expires_in: 900,
            account: AccountView {
                id: AccountId(Uuid::from_u128(1)),
                email: Email::parse("a@example.com").unwrap(),
                role: Role::Provider,
                organisation: Some(OrganisationId(Uuid::from_u128(2))),
            },
        };
        let json = serde_json::to_value(&response).unwrap();
        assert_eq!(
            json,
            json!({
                "access_token": "access.jwt",
                "refresh_token": "refresh-secret",
                "expires_in": 900,
                "account": {
                    "id": "00000000-0000-0000-0000-000000000001",
                    "email": "a@example.com",
                    "role": "provider",
                    "organisation": "00000000-0000-0000-0000-000000000002",
                },
            })
        );
        assert_eq!(serde_json::from_value::<TokenResponse>(json).unwrap(), response);
        let debug = format!("{response:?}");
        assert!(!debug.contains("access.jwt") && !debug.contains("refresh-secret"), "{debug}");
    }

    #[test]
    fn eligibility_lists_every_reason_in_both_languages() {
        assert_eq!(Eligibility::new::<RuleViolation>(&[]), Eligibility { may_quote: true, reasons: vec![] });
        let refused =
            Eligibility::new(&[RuleViolation::ProviderNotApproved, RuleViolation::AffiliatedWithBuyer]);
        assert!(!refused.may_quote);
        assert_eq!(
            refused.reasons[0],
            Message {
                zh: "中介机构尚未通过审核".into(), en: "the provider has not been approved".into()
            }
        );
        assert_eq!(refused.reasons.len(), 2);
        let page = Page { items: vec![Created { id: "x".into() }], next: Some("c2".into()) };
        assert_eq!(serde_json::to_value(&page).unwrap(), json!({"items": [{"id": "x"}], "next": "c2"}));
    }
}
