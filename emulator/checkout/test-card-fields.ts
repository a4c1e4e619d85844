/** The form fields of the emulator's test card: how it answers now, and how it answers later if saved. */
export function testCardFields(): string {
  return `<fieldset>
<legend>Test card outcome (Visa ending in 4242)</legend>
<div><input type="radio" id="card-approve" name="card" value="approve" checked> <label for="card-approve">Approve</label></div>
<div><input type="radio" id="card-decline" name="card" value="decline"> <label for="card-decline">Decline</label></div>
<div><input type="radio" id="card-insufficient" name="card" value="insufficient_funds"> <label for="card-insufficient">Insufficient funds</label></div>
</fieldset>
<div><input type="checkbox" id="save-card" name="saveCard" value="on"> <label for="save-card">Save this card for later payments</label></div>
<div><label for="saved-card-outcome">When the saved card is charged later</label>
<select id="saved-card-outcome" name="savedCardOutcome">
<option value="approve">Approve</option>
<option value="decline">Decline</option>
<option value="insufficient_funds">Insufficient funds</option>
</select></div>`;
}
