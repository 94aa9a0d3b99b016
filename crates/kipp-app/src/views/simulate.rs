//! Simulations: Monte Carlo robustness of the ranking (run in slices that
//! yield to the event loop, with progress and cancel) and the judge report.

use yew::prelude::*;

use crate::app::App;

/// Simulation state.
#[derive(Default)]
pub struct SimState {}

/// Simulation messages.
pub enum SimMsg {}

/// Handles a simulation message.
pub fn update(_app: &mut App, _ctx: &Context<App>, msg: SimMsg) -> bool {
    match msg {}
}

/// The simulation screen.
pub fn view(app: &App, _ctx: &Context<App>) -> Html {
    let t = app.t();
    html! {
        <>
        <h1>{ t.sim_heading }</h1>
        <p class="muted">{ t.sim_na }</p>
        </>
    }
}
