import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';

export function FieldsExample() {
  return (
    <Card title="Fields and form messages" description="Hints and errors are tied to their control for screen readers.">
      <form className="grid gap-5 md:grid-cols-2" aria-label="Sample group form">
        <div className="md:col-span-2">
          <FormMessage tone="error" message="Check the highlighted fields and try again." />
        </div>
        <TextField
          label="Group name"
          name="groupName"
          defaultValue="Grade 3 fluency A"
          hint="Shown to tutors on their tablet."
        />
        <TextField
          label="Planned minutes"
          name="plannedMinutes"
          type="number"
          inputMode="numeric"
          defaultValue="15"
          error="Sessions must be at least 30 minutes."
        />
        <SelectField label="Subject" name="subject" defaultValue="ELA">
          <option value="ELA">ELA</option>
          <option value="MATH">Math</option>
        </SelectField>
        <TextField label="Start date" name="startDate" type="date" defaultValue="2026-09-14" />
        <div className="md:col-span-2">
          <TextareaField label="Notes for the tutor" name="notes" hint="Optional. Keep it short." rows={3} />
        </div>
        <div className="flex flex-wrap gap-3 md:col-span-2">
          <Button type="submit">Save group</Button>
          <Button variant="secondary">Cancel</Button>
        </div>
        <div className="md:col-span-2">
          <FormMessage tone="success" message="Group saved. Sessions were generated through Dec 18." />
        </div>
      </form>
    </Card>
  );
}
