//! Panels, named after what the user sees. Each takes its slice of the
//! Report plus callbacks and renders it; none of them decides anything about
//! certificates. All certificate text goes in as text nodes, never as markup.

pub mod actions_bar;
pub mod admin_panel;
pub mod admin_words;
pub mod asn1_view;
pub mod bytes_panel;
pub mod cert_card;
pub mod chain_view;
pub mod crl_panel;
pub mod findings_list;
pub mod heading;
pub mod input_panel;
pub mod ocsp_panel;
pub mod policy_settings;
pub mod privacy_note;
pub mod report_view;
pub mod status_badge;
pub mod summary_table;

#[cfg(test)]
pub(crate) mod test_util {
    use yew::{BaseComponent, LocalServerRenderer};

    /// Renders a component to HTML natively (Yew's `ssr`).
    pub async fn render<C: BaseComponent>(props: C::Properties) -> String {
        LocalServerRenderer::<C>::with_props(props).hydratable(false).render().await
    }
}
